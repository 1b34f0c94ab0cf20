/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.ankor.spring.boot.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The one place that decides how long an access token is used: its lifetime when Ankor
 * does not say, the capped refresh margin, the jitter of background renewal, and the one
 * clock all of it is measured by (the {@code ankorClock} bean, or UTC). The token cache,
 * the shared-store check and Spring Security's JWT-bearer provider all ask it.
 * <p>
 * With {@code m} the refresh margin capped at half a token's lifetime, a token is never
 * sent in the last {@code m} of its life, and its background renewal is due between
 * {@code 1.25 m} and {@code 1.5 m} before it expires.
 *
 * @author Ankor starter team
 */
final class RefreshPolicy {

	/** Lifetime assumed for an opaque token that comes without {@code expires_in}. */
	static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	/** Longest lifetime of an Ankor access token. */
	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private final Duration refreshMargin;

	private final Clock clock;

	private final RandomGenerator random;

	/**
	 * Creates a policy with random jitter.
	 * @param refreshMargin the refresh margin
	 * @param clock the clock
	 */
	RefreshPolicy(Duration refreshMargin, Clock clock) {
		this(refreshMargin, clock, () -> ThreadLocalRandom.current().nextLong());
	}

	RefreshPolicy(Duration refreshMargin, Clock clock, RandomGenerator random) {
		this.refreshMargin = refreshMargin;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * The clock every token instant is measured by.
	 * @return the clock
	 */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Now, by {@link #clock()}.
	 * @return the current instant
	 */
	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The clock skew handed to Spring Security, so that it judges tokens as this policy
	 * does.
	 * @return the refresh margin
	 */
	Duration clockSkew() {
		return this.refreshMargin;
	}

	/**
	 * The lifetime of a token, in seconds, from what the token response says.
	 * @param expiresIn the {@code expires_in} of the response, {@code null} when absent
	 * @param tokenValue the access token, whose own {@code exp} counts when it is a JWT
	 * @return {@code expires_in}, else the JWT's remaining life, else
	 * {@link #DEFAULT_LIFETIME}; at most {@link #MAX_LIFETIME}
	 */
	long lifetimeSeconds(@Nullable Long expiresIn, String tokenValue) {
		long seconds = (expiresIn != null) ? expiresIn : jwtLifetimeSeconds(tokenValue);
		if (seconds <= 0) {
			seconds = DEFAULT_LIFETIME.toSeconds();
		}
		return Math.min(seconds, MAX_LIFETIME.toSeconds());
	}

	/** Seconds left until the {@code exp} of a JWT access token; 0 when there is none. */
	private long jwtLifetimeSeconds(String tokenValue) {
		String[] parts = tokenValue.split("\\.");
		if (parts.length != 3) {
			return 0;
		}
		try {
			// only the lifetime is read here: the token is Ankor's to verify, not ours
			Object exp = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString()).get("exp");
			return (exp instanceof Number seconds) ? seconds.longValue() - now().getEpochSecond() : 0;
		}
		catch (ParseException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * A token just received, stamped by this policy's clock: Spring Security stamps tokens
	 * with the system clock, which only their lifetime is taken from.
	 * @param token the token
	 * @return the same token, issued now by {@link #clock()}
	 */
	OAuth2AccessToken stamp(OAuth2AccessToken token) {
		Duration lifetime = lifetime(token);
		Instant now = now();
		return new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), now, now.plus(lifetime),
				token.getScopes());
	}

	/**
	 * Whether a token stamped by {@link #stamp} may still be sent.
	 * @param token the token
	 * @return whether now is before the token's refresh margin
	 */
	boolean isSendable(OAuth2AccessToken token) {
		return now().isBefore(sendUntil(token));
	}

	/**
	 * Times a token stamped by {@link #stamp} for the cache, with a fresh jitter.
	 * @param token the token
	 * @return the cached token
	 */
	CachedToken time(OAuth2AccessToken token) {
		Duration margin = margin(token);
		Instant sendUntil = sendUntil(token);
		long quarter = margin.toMillis() / 4;
		long lead = quarter + this.random.nextLong(quarter + 1);
		return new CachedToken(token, sendUntil.minusMillis(lead), sendUntil, expiresAt(token), Mono.just(token));
	}

	private Instant sendUntil(OAuth2AccessToken token) {
		return expiresAt(token).minus(margin(token));
	}

	private Duration margin(OAuth2AccessToken token) {
		Duration half = lifetime(token).dividedBy(2);
		return (this.refreshMargin.compareTo(half) <= 0) ? this.refreshMargin : half;
	}

	private static Instant expiresAt(OAuth2AccessToken token) {
		Instant expiresAt = token.getExpiresAt();
		Instant issuedAt = token.getIssuedAt();
		if (expiresAt != null) {
			return expiresAt;
		}
		// a token without either instant is never sendable
		return (issuedAt != null) ? issuedAt.plus(DEFAULT_LIFETIME) : Instant.EPOCH;
	}

	private static Duration lifetime(OAuth2AccessToken token) {
		Instant issuedAt = token.getIssuedAt();
		Instant expiresAt = token.getExpiresAt();
		return (issuedAt != null && expiresAt != null) ? Duration.between(issuedAt, expiresAt) : DEFAULT_LIFETIME;
	}

	/**
	 * A token with the instants that govern its use, by the policy's clock.
	 *
	 * @param token the token
	 * @param renewAt from when a background renewal is due
	 * @param sendUntil until when the token is sent
	 * @param expiresAt when the token expires
	 * @param mono the token as a {@link Mono}, made once, so that reactive callers on the
	 * fast path allocate none
	 */
	record CachedToken(OAuth2AccessToken token, Instant renewAt, Instant sendUntil, Instant expiresAt,
			Mono<OAuth2AccessToken> mono) {

		boolean isSendable(Instant now) {
			return now.isBefore(this.sendUntil);
		}

		boolean isDueForRenewal(Instant now) {
			return !now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "CachedToken[renewAt=" + this.renewAt + ", sendUntil=" + this.sendUntil + ", expiresAt="
					+ this.expiresAt + "]";
		}

	}

}
