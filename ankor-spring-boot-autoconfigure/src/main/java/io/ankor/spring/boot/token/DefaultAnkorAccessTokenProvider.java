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

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorTokenStatus;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The starter's {@link AnkorAccessTokenProvider}: a cache in front of the
 * {@link AnkorAuthorizedClientChain} that closes the gaps of Spring Security's manager.
 * <ul>
 * <li><b>Fast path.</b> A sendable cached token is returned at once, without a lock.</li>
 * <li><b>Single flight.</b> When no token can be sent, exactly one token request runs,
 * on the token threads every account shares ({@link TokenExecutor}), one request of this
 * provider at a time, with no lock held; every caller
 * gets its result or its failure, never on that thread, within bounds
 * ({@link TokenWaits}); the flight and the cache are a {@link TokenCache}'s.</li>
 * <li><b>Remembered failures.</b> After a failed request, callers get its failure at once,
 * and Ankor sees no request, until the next attempt is due ({@link RememberedFailure}).</li>
 * <li><b>Refresh ahead.</b> The {@link RefreshPolicy} says when a token stops being sent
 * and when its background renewal is due; {@link #invalidate} drops a rejected one.</li>
 * </ul>
 *
 * @author Ankor starter team
 */
public final class DefaultAnkorAccessTokenProvider
		implements AnkorAccessTokenProvider, AnkorTokenStatusSource, DisposableBean {

	private final TokenCache cache;

	private final RefreshPolicy policy;

	private final TokenWaits waits;

	/** Made on first use, so that startup does not start Reactor for it. */
	private volatile @Nullable Mono<OAuth2AccessToken> accessToken;

	/**
	 * A provider of the tokens of a source.
	 * @param source where tokens come from: an account's {@link TokenRequestQueue}
	 * @param policy the refresh policy
	 * @param requestBound the longest one token request may take, retries included
	 * @param maxWait the longest a caller waits for a token request (a request that ends
	 * sooner, within its bound, ends the wait with it)
	 */
	DefaultAnkorAccessTokenProvider(TokenSource source, RefreshPolicy policy, Duration requestBound,
			Duration maxWait) {
		this(source, policy, requestBound, maxWait, System::nanoTime);
	}

	DefaultAnkorAccessTokenProvider(TokenSource source, RefreshPolicy policy, Duration requestBound, Duration maxWait,
			LongSupplier nanoTime) {
		this.policy = policy;
		this.waits = new TokenWaits(maxWait, requestBound);
		this.cache = new TokenCache(source, policy, this.waits, nanoTime);
	}

	@Override
	public OAuth2AccessToken getAccessToken() {
		CachedToken cached = this.cache.current();
		if (isSendable(cached)) {
			return cached.token();
		}
		return this.waits.await(this.cache.flight(cached, false));
	}

	/** One shared {@code Mono}, made on first use: its fast path hands out the cached token's own. */
	@Override
	public Mono<OAuth2AccessToken> accessToken() {
		Mono<OAuth2AccessToken> accessToken = this.accessToken;
		if (accessToken == null) {
			// two callers at once may each make one: either will do
			accessToken = Mono.defer(this::accessTokenNow);
			this.accessToken = accessToken;
		}
		return accessToken;
	}

	private Mono<OAuth2AccessToken> accessTokenNow() {
		CachedToken cached = this.cache.current();
		if (isSendable(cached)) {
			return cached.mono();
		}
		return Mono.fromFuture(this.waits.deliver(this.cache.flight(cached, false)), true);
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> getAccessTokenAsync() {
		CachedToken cached = this.cache.current();
		if (isSendable(cached)) {
			return CompletableFuture.completedFuture(cached.token());
		}
		return this.waits.deliver(this.cache.flight(cached, false));
	}

	/** Whether a snapshot may be sent, starting its renewal when due; callers pass it on. */
	private boolean isSendable(@Nullable CachedToken cached) {
		if (cached == null) {
			return false;
		}
		Instant now = this.policy.now();
		if (!cached.isSendable(now)) {
			return false;
		}
		if (cached.isDueForRenewal(now)) {
			this.cache.renewInBackground(cached, now);
		}
		return true;
	}

	@Override
	public void invalidate(OAuth2AccessToken rejected) {
		this.cache.invalidate(rejected);
	}

	@Override
	public void reset() {
		this.cache.reset();
	}

	/**
	 * Switches to new credentials without a pause: see {@link TokenCache#rotate}.
	 * @param next where the new credentials' tokens come from
	 * @throws AnkorTokenException when the new chain obtains no token
	 * @throws IllegalStateException when this provider is closed
	 */
	void rotate(TokenSource next) {
		this.cache.rotate(next);
	}

	/**
	 * The refresh policy, which the chains of this provider's credentials share.
	 * @return the policy
	 */
	RefreshPolicy policy() {
		return this.policy;
	}

	@Override
	public AnkorTokenStatus tokenStatus() {
		CachedToken cached = this.cache.current();
		Instant now = this.policy.now();
		RememberedFailure failure = this.cache.failure();
		boolean sendable = cached != null && cached.isSendable(now);
		return new AnkorTokenStatus(sendable ? Duration.between(now, cached.expiresAt()) : null,
				sendable ? cached.token().getScopes() : Set.of(), (failure != null) ? failure.errorCode() : null,
				(failure != null) ? failure.at() : null,
				(failure != null && failure.holds(now)) ? failure.nextAttemptAt() : null,
				this.cache.unauthorizedRenewals(), this.cache.inFlight());
	}

	/**
	 * Closes the token request queues, the current one and any a rotation retired; callers still
	 * waiting get an error at once.
	 */
	@Override
	public void destroy() {
		this.cache.close();
	}

	@Override
	public String toString() {
		CachedToken cached = this.cache.current();
		return "DefaultAnkorAccessTokenProvider[token="
				+ ((cached != null) ? "expires at " + cached.expiresAt() : "none") + "]";
	}

}
