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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.GrantType;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.MultiValueMap;

/**
 * Spring Security's {@link OAuth2AccessTokenResponseClient} for Ankor's token endpoint,
 * blocking: it is only ever called on a token thread. It sends the
 * assertion as a JWT-bearer grant (RFC 7523 section 2.1) or as {@code client_credentials}
 * with a {@code client_assertion} (section 2.2).
 * <p>
 * Transient failures are retried with exponential backoff and jitter, honouring
 * {@code Retry-After}, until the retry budget is spent; each attempt after the first signs
 * a fresh assertion. A refusal fails at once, except that a refusal whose {@code Date}
 * header shows our clock off by more than {@link #CLOCK_SKEW_TOLERANCE} is retried once
 * with the corrected time. The whole request runs in the observation
 * {@link AnkorTokenObservationDocumentation#TOKEN_REQUEST}.
 *
 * @author Ankor starter team
 */
final class AnkorTokenResponseClient implements OAuth2AccessTokenResponseClient<JwtBearerGrantRequest> {

	static final String JWT_BEARER_CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** Clock differences up to this much are left alone. */
	static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(5);

	/** The largest clock difference corrected. */
	static final Duration MAX_CLOCK_OFFSET = Duration.ofHours(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	/** A refusal that is about the assertion's issuer, subject or company. */
	private static final Pattern ABOUT_THE_COMPANY = Pattern.compile(
			"(?i)\\bcompany\\b|\\b(iss|sub|issuer|subject)\\b.*\\b(must|match|matches|registered|unknown|invalid|mismatch)\\b");

	/** The parameters that are the starter's alone: no customizer sets them. */
	private static final List<String> STARTERS_PARAMETERS = List.of("grant_type", "assertion", "client_assertion",
			"client_assertion_type");

	private static final Log logger = LogFactory.getLog(AnkorTokenResponseClient.class);

	private final TokenRequestSettings settings;

	private final AnkorAssertionSigner signer;

	private final Clock clock;

	private final TokenEndpointAttempt attempt;

	private final ObservationRegistry observationRegistry;

	private final @Nullable AnkorTokenRequestObservationConvention convention;

	/** The last offset refused as too large, so that it is reported once. */
	private volatile @Nullable Duration refusedOffset;

	/**
	 * Creates a client.
	 * @param settings how token requests are made
	 * @param signer signs the assertion of each retry, and takes the clock correction
	 * @param policy the refresh policy, whose clock times retries
	 * @param observationRegistry the observation registry
	 * @param convention the application's observation convention, or {@code null} for
	 * the default one
	 */
	AnkorTokenResponseClient(TokenRequestSettings settings, AnkorAssertionSigner signer, RefreshPolicy policy,
			ObservationRegistry observationRegistry, @Nullable AnkorTokenRequestObservationConvention convention) {
		this.settings = settings;
		this.signer = signer;
		this.clock = policy.clock();
		this.attempt = new TokenEndpointAttempt(settings, policy);
		this.observationRegistry = observationRegistry;
		this.convention = convention;
	}

	/** Cuts the request in progress, if any, and refuses later ones. */
	void close() {
		this.attempt.close();
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(JwtBearerGrantRequest grantRequest) {
		AnkorTokenRequestObservationContext context = new AnkorTokenRequestObservationContext(
				this.settings.grantType(), this.settings.observedAccount());
		Observation observation = AnkorTokenObservationDocumentation.TOKEN_REQUEST
			.observation(this.convention, new DefaultAnkorTokenRequestObservationConvention(), () -> context,
					this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			OAuth2AccessTokenResponse response = attempts(grantRequest.getJwt().getTokenValue(), context);
			context.succeeded();
			return response;
		}
		catch (RuntimeException ex) {
			context.failed(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private OAuth2AccessTokenResponse attempts(String firstAssertion, AnkorTokenRequestObservationContext context) {
		URI tokenUri = this.settings.tokenUri();
		long start = System.nanoTime();
		String assertion = firstAssertion;
		boolean skewCorrected = false;
		int retries = 0;
		while (true) {
			context.countAttempt();
			try {
				OAuth2AccessTokenResponse response = this.attempt.send(tokenUri, request(assertion));
				if (logger.isDebugEnabled()) {
					logger.debug("Ankor token request to %s succeeded on attempt %d; token expires at %s".formatted(
							TokenEndpointAttempt.withoutUserInfo(tokenUri), context.getAttempts(),
							response.getAccessToken().getExpiresAt()));
				}
				return response;
			}
			catch (AnkorTokenException ex) {
				logger.debug("Ankor token request attempt %d failed: %s".formatted(context.getAttempts(),
						ex.getMessage()));
				if (!ex.isTransient()) {
					if (skewCorrected || !correctClockSkew(ex)) {
						throw withHint(ex);
					}
					skewCorrected = true;
					// the retry with corrected time is an attempt like any other: only within the budget
					if (Duration.ofNanos(System.nanoTime() - start).compareTo(this.settings.retryBudget()) >= 0) {
						throw ex;
					}
				}
				else {
					Duration delay = backoff(retries++, ex.getRetryAfter());
					// measured on the monotonic clock: a stepped or frozen ankorClock never stalls it
					Duration spent = Duration.ofNanos(System.nanoTime() - start);
					if (spent.plus(delay).compareTo(this.settings.retryBudget()) > 0) {
						throw ex;
					}
					sleep(delay, ex);
				}
				assertion = this.signer.sign().getTokenValue();
			}
		}
	}

	/**
	 * A refusal of the assertion's {@code iss} or {@code sub} names the company URI to
	 * compare: Ankor compares it with the Company URL character for character.
	 */
	private AnkorTokenException withHint(AnkorTokenException ex) {
		String description = ex.getError().getDescription();
		if (!OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getErrorCode()) || description == null
				|| !ABOUT_THE_COMPANY.matcher(description).find()) {
			return ex;
		}
		String property = AnkorAccounts.DEFAULT.equals(this.settings.account()) ? "ankor.company-uri"
				: "ankor.accounts." + this.settings.account() + ".company-uri";
		return new AnkorTokenException(ex.getError(), ex.getStatusCode(), ex.getRetryAfter(), ex.getServerDate(),
				"Compare '" + property + "' with the Company URL in Ankor (Settings > Company Details): they must "
						+ "match character for character, 'https://' included",
				ex.getCause());
	}

	private static void sleep(Duration delay, AnkorTokenException failure) {
		try {
			// other accounts' requests are not held back meanwhile
			TokenExecutor.sleep(delay);
		}
		catch (InterruptedException ex) {
			// the provider is closing: the last failure is the answer
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

	/**
	 * The request of one attempt: what the application's customizers add, then the grant
	 * and the assertion, which are the starter's.
	 */
	private TokenEndpointAttempt.Request request(String assertion) {
		MultiValueMap<String, String> form = new TokenEndpointAttempt.TokenRequestForm();
		HttpHeaders headers = new HttpHeaders();
		for (AnkorTokenRequestCustomizer customizer : this.settings.customizers()) {
			customizer.customize(this.settings.account(), form, headers);
		}
		TokenEndpointAttempt.checkCustomizedHeaders(headers);
		STARTERS_PARAMETERS.forEach(form::remove);
		if (this.settings.grantType() == GrantType.CLIENT_CREDENTIALS) {
			form.set("grant_type", "client_credentials");
			form.set("client_assertion_type", JWT_BEARER_CLIENT_ASSERTION);
			form.set("client_assertion", assertion);
		}
		else {
			form.set("grant_type", AuthorizationGrantType.JWT_BEARER.getValue());
			form.set("assertion", assertion);
		}
		return new TokenEndpointAttempt.Request(form, headers);
	}

	/**
	 * The delay before the next attempt: the backoff, or Ankor's {@code Retry-After} when
	 * that is longer (so that {@code Retry-After: 0} cannot make a tight loop).
	 */
	private Duration backoff(int retriesInARow, @Nullable Duration retryAfter) {
		// from at least a millisecond, and never less: a sub-millisecond setting must still back off
		long base = Math.max(1, this.settings.initialBackoff().toMillis()) << Math.min(retriesInARow, 16);
		long capped = Math.min(base, MAX_BACKOFF.toMillis());
		// jitter between half and all of the backoff keeps the callers of many instances apart
		Duration backoff = Duration
			.ofMillis(Math.max(1, capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1)));
		return (retryAfter != null && retryAfter.compareTo(backoff) > 0) ? retryAfter : backoff;
	}

	/**
	 * When Ankor refuses an assertion as {@code invalid_grant} (the only refusal that can be
	 * about time) and its {@code Date} shows our clock off, dates later assertions by
	 * Ankor's clock: in either direction, back to zero once our clock agrees again, never
	 * by more than {@link #MAX_CLOCK_OFFSET}. One WARN per change.
	 * @return whether the time of assertions changed, so that a retry may succeed
	 */
	private boolean correctClockSkew(AnkorTokenException ex) {
		Instant serverDate = ex.getServerDate();
		if (serverDate == null || !OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getErrorCode())) {
			return false;
		}
		Duration offset = Duration.between(this.clock.instant(), serverDate);
		if (offset.abs().compareTo(CLOCK_SKEW_TOLERANCE) <= 0) {
			offset = Duration.ZERO;
		}
		if (offset.minus(this.signer.getClockOffset()).abs().compareTo(CLOCK_SKEW_TOLERANCE) <= 0) {
			return false;
		}
		long seconds = Math.round(offset.abs().toMillis() / 1000.0);
		String direction = offset.isNegative() ? "behind" : "ahead of";
		if (offset.abs().compareTo(MAX_CLOCK_OFFSET) > 0) {
			Duration refused = this.refusedOffset;
			if (refused == null || offset.minus(refused).abs().compareTo(CLOCK_SKEW_TOLERANCE) > 0) {
				this.refusedOffset = offset;
				logger.warn(("Ankor refused an assertion (%s) and its token endpoint's clock is %d s %s ours: more "
						+ "than %d s, which the starter does not correct. Check this machine's clock (NTP).")
					.formatted(ex.getErrorCode(), seconds, direction, MAX_CLOCK_OFFSET.toSeconds()));
			}
			return false;
		}
		if (offset.isZero()) {
			logger.warn("Ankor refused an assertion (%s) and its token endpoint's clock now agrees with ours; "
				.formatted(ex.getErrorCode()) + "signing assertions with this machine's time again.");
		}
		else {
			logger.warn(("Ankor refused an assertion (%s) and its token endpoint's clock is %d s %s ours; "
					+ "signing assertions with the corrected time from now on. Check this machine's clock (NTP).")
				.formatted(ex.getErrorCode(), seconds, direction));
		}
		this.signer.setClockOffset(offset);
		return true;
	}

}
