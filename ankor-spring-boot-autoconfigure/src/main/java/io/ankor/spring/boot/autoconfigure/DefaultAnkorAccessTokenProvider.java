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
package io.ankor.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The starter's {@link AnkorAccessTokenProvider}: a cache in front of Spring Security's
 * authorized-client manager that closes its gaps.
 * <ul>
 * <li><b>Fast path.</b> A cached token outside its refresh margin is returned at once,
 * without a lock.</li>
 * <li><b>Single flight.</b> When no token can be sent, exactly one token request runs
 * (through Spring Security's blocking chain on the provider's own thread, or its reactive
 * chain in reactive applications); every caller gets its result or its failure. No
 * event-loop thread blocks and no lock is held across I/O.</li>
 * <li><b>Refresh ahead.</b> With {@code m} = {@code ankor.refresh-margin}, capped at half
 * the token's lifetime, the token is never sent in the last {@code m} of its life;
 * renewal starts in the background between {@code 1.25 m} and {@code 1.5 m} before
 * expiry (the jitter keeps many instances apart), while callers keep using it.</li>
 * <li><b>Revocation.</b> {@link #invalidate} drops a token Ankor rejected.</li>
 * </ul>
 *
 * @author Ankor starter team
 */
final class DefaultAnkorAccessTokenProvider implements AnkorAccessTokenProvider, DisposableBean {

	/** How long a failed background renewal waits before the next one. */
	static final Duration FAILED_RENEWAL_PAUSE = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(DefaultAnkorAccessTokenProvider.class);

	private final TokenSource source;

	private final Clock clock;

	private final Duration refreshMargin;

	/** The thread blocking token sources run on; {@code null} for a non-blocking source. */
	private final ExecutorService executor;

	private final Object monitor = new Object();

	private volatile CachedToken current;

	/** The token request in flight; guarded by {@link #monitor}. */
	private CompletableFuture<CachedToken> flight;

	/** A token Ankor rejected, which the next request replaces; guarded by {@link #monitor}. */
	private OAuth2AccessToken rejected;

	/** No background renewal before this instant; guarded by {@link #monitor}. */
	private Instant renewalPausedUntil = Instant.MIN;

	private volatile Failure lastFailure;

	private final AtomicLong unauthorizedRenewals = new AtomicLong();

	private DefaultAnkorAccessTokenProvider(TokenSource source, ExecutorService executor, Clock clock,
			Duration refreshMargin) {
		this.source = source;
		this.executor = executor;
		this.clock = clock;
		this.refreshMargin = refreshMargin;
	}

	/**
	 * A provider whose token requests block: they run on the provider's own thread.
	 * @param source the blocking source
	 * @param clock the clock
	 * @param refreshMargin the refresh margin
	 * @return the provider
	 */
	static DefaultAnkorAccessTokenProvider blocking(BlockingTokenSource source, Clock clock, Duration refreshMargin) {
		ExecutorService executor = newExecutor();
		return new DefaultAnkorAccessTokenProvider(
				(replacing) -> CompletableFuture.supplyAsync(() -> source.obtain(replacing), executor), executor,
				clock, refreshMargin);
	}

	/**
	 * A provider whose token requests do not block.
	 * @param source the non-blocking source
	 * @param clock the clock
	 * @param refreshMargin the refresh margin
	 * @return the provider
	 */
	static DefaultAnkorAccessTokenProvider nonBlocking(TokenSource source, Clock clock, Duration refreshMargin) {
		return new DefaultAnkorAccessTokenProvider(source, null, clock, refreshMargin);
	}

	private static ExecutorService newExecutor() {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "ankor-token-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Override
	public OAuth2AccessToken getAccessToken() {
		CompletableFuture<OAuth2AccessToken> token = getAccessTokenAsync();
		if (!token.isDone() && Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("AnkorAccessTokenProvider.getAccessToken() would block the non-blocking "
					+ "thread " + Thread.currentThread().getName() + " while a token is requested; use accessToken() "
					+ "or getAccessTokenAsync() in reactive code, or ankorWebClient instead of ankorRestClient");
		}
		try {
			return token.get();
		}
		catch (ExecutionException | CompletionException ex) {
			throw rethrow(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an Ankor access token", ex);
		}
	}

	private static RuntimeException rethrow(Throwable cause) {
		if (cause instanceof AnkorTokenException tokenException) {
			// a copy, so that each caller's stack trace shows its own call
			return new AnkorTokenException(tokenException.getError(), tokenException.getStatusCode(),
					tokenException.getRetryAfter(), tokenException.getServerDate(), tokenException);
		}
		if (cause instanceof RuntimeException runtimeException) {
			return runtimeException;
		}
		return new IllegalStateException("Ankor access token request failed", cause);
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> getAccessTokenAsync() {
		CachedToken cached = this.current;
		Instant now = this.clock.instant();
		if (cached != null && cached.isSendable(now)) {
			if (cached.isDueForRenewal(now)) {
				renewInBackground(cached, now);
			}
			return CompletableFuture.completedFuture(cached.token());
		}
		return flight(cached).thenApply(CachedToken::token);
	}

	private void renewInBackground(CachedToken cached, Instant now) {
		synchronized (this.monitor) {
			if (this.flight != null || this.current != cached || now.isBefore(this.renewalPausedUntil)) {
				return;
			}
			flight(cached).whenComplete((token, failure) -> {
				if (failure != null) {
					synchronized (this.monitor) {
						this.renewalPausedUntil = this.clock.instant().plus(FAILED_RENEWAL_PAUSE);
					}
					Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure;
					logger.warn("Background renewal of the Ankor access token failed; the current token stays in use "
							+ "until its refresh margin: " + cause.getMessage());
				}
			});
		}
	}

	/**
	 * Joins the token request in flight, or starts one.
	 * @param stale the token the caller found, which is not to be returned again
	 */
	private CompletableFuture<CachedToken> flight(CachedToken stale) {
		CompletableFuture<CachedToken> flight;
		OAuth2AccessToken replacing;
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached != stale && cached != null && cached.isSendable(this.clock.instant())) {
				return CompletableFuture.completedFuture(cached);
			}
			if (this.flight != null) {
				// a dependent future: a caller that cancels it cannot cancel the shared request
				return this.flight.thenApply((token) -> token);
			}
			replacing = (stale != null) ? stale.token() : this.rejected;
			flight = new CompletableFuture<>();
			this.flight = flight;
		}
		// started outside the lock: a non-blocking source signs its assertion right away
		CompletableFuture<OAuth2AccessToken> request;
		try {
			request = this.source.obtain(replacing);
		}
		catch (RejectedExecutionException ex) {
			request = CompletableFuture.failedFuture(new IllegalStateException("The Ankor token provider is closed", ex));
		}
		catch (RuntimeException ex) {
			request = CompletableFuture.failedFuture(ex);
		}
		request.whenComplete((token, failure) -> complete(flight, token, failure));
		return flight.thenApply((token) -> token);
	}

	private void complete(CompletableFuture<CachedToken> flight, OAuth2AccessToken token, Throwable failure) {
		if (failure instanceof CompletionException && failure.getCause() != null) {
			failure = failure.getCause();
		}
		CachedToken fetched = (token != null) ? CachedToken.of(token, this.refreshMargin, this.clock.instant()) : null;
		synchronized (this.monitor) {
			if (fetched != null) {
				this.current = fetched;
				this.rejected = null;
				this.lastFailure = null;
			}
			else {
				this.lastFailure = new Failure((failure instanceof AnkorTokenException ex) ? ex.getErrorCode()
						: failure.getClass().getSimpleName(), this.clock.instant());
			}
			this.flight = null;
		}
		if (fetched != null) {
			flight.complete(fetched);
		}
		else {
			flight.completeExceptionally(failure);
		}
	}

	@Override
	public void invalidate(OAuth2AccessToken rejected) {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached != null && cached.token().getTokenValue().equals(rejected.getTokenValue())) {
				this.current = null;
				this.rejected = cached.token();
				this.unauthorizedRenewals.incrementAndGet();
				logger.debug("Ankor rejected the current access token; the next call gets a new one");
			}
		}
	}

	/**
	 * What the provider knows now, for health and metrics. Never calls Ankor.
	 * @return the status
	 */
	Status status() {
		CachedToken cached = this.current;
		Instant now = this.clock.instant();
		if (cached != null && cached.isSendable(now)) {
			return new Status(Duration.between(now, cached.expiresAt()), cached.token().getScopes(), this.lastFailure);
		}
		return new Status(null, null, this.lastFailure);
	}

	/**
	 * How many times Ankor's API rejected a token with 401 and the token was dropped.
	 * @return the count
	 */
	long getUnauthorizedRenewals() {
		return this.unauthorizedRenewals.get();
	}

	/**
	 * Whether a token request is running, in the foreground or as a background renewal.
	 * @return whether a token request is in flight
	 */
	boolean isRequestInFlight() {
		synchronized (this.monitor) {
			return this.flight != null;
		}
	}

	/**
	 * Whether token requests block, on the provider's own thread.
	 * @return whether the source is blocking
	 */
	boolean isBlocking() {
		return this.executor != null;
	}

	@Override
	public void destroy() {
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	@Override
	public String toString() {
		CachedToken cached = this.current;
		return "DefaultAnkorAccessTokenProvider[token="
				+ ((cached != null) ? "expires at " + cached.token().getExpiresAt() : "none") + "]";
	}

	/**
	 * A token request that failed.
	 *
	 * @param errorCode the OAuth error code, such as {@code invalid_grant}
	 * @param at when it failed, by the provider's clock
	 */
	record Failure(String errorCode, Instant at) {

	}

	/**
	 * What the provider knows now.
	 *
	 * @param remaining how long the current sendable token still lives, {@code null} when
	 * there is none
	 * @param scopes the scopes of that token
	 * @param lastFailure the last token request failure since the last success, if any
	 */
	record Status(Duration remaining, java.util.Set<String> scopes, Failure lastFailure) {

		boolean hasToken() {
			return this.remaining != null;
		}

	}

	/**
	 * Where tokens come from, without blocking.
	 */
	@FunctionalInterface
	interface TokenSource {

		/**
		 * Starts obtaining a token.
		 * @param replacing the token to replace, or {@code null} on a cold start
		 * @return a future of a token other than {@code replacing}
		 */
		CompletableFuture<OAuth2AccessToken> obtain(OAuth2AccessToken replacing);

	}

	/**
	 * Where tokens come from, blocking.
	 */
	@FunctionalInterface
	interface BlockingTokenSource {

		/**
		 * Obtains a token.
		 * @param replacing the token to replace, or {@code null} on a cold start
		 * @return a token other than {@code replacing}
		 */
		OAuth2AccessToken obtain(OAuth2AccessToken replacing);

	}

	/**
	 * A token with the instants that govern its use.
	 *
	 * @param token the token
	 * @param renewAt from when a background renewal starts
	 * @param sendUntil until when the token is sent
	 * @param expiresAt when the token expires, by the provider's clock
	 */
	record CachedToken(OAuth2AccessToken token, Instant renewAt, Instant sendUntil, Instant expiresAt) {

		/**
		 * Times a token by the provider's clock. Spring Security stamps tokens with the
		 * system clock, so the token's remaining life is measured on that clock and then
		 * laid on ours.
		 */
		static CachedToken of(OAuth2AccessToken token, Duration refreshMargin, Instant now) {
			Instant systemNow = Instant.now();
			Duration remaining = (token.getExpiresAt() != null) ? Duration.between(systemNow, token.getExpiresAt())
					: AnkorTokenResponseConverter.DEFAULT_LIFETIME;
			Duration lifetime = (token.getIssuedAt() != null && token.getExpiresAt() != null)
					? Duration.between(token.getIssuedAt(), token.getExpiresAt()) : remaining;
			Duration margin = min(refreshMargin, lifetime.dividedBy(2));
			Instant expiresAt = now.plus(remaining);
			Instant sendUntil = expiresAt.minus(margin);
			long leadMillis = margin.toMillis() / 4 + ThreadLocalRandom.current().nextLong(margin.toMillis() / 4 + 1);
			return new CachedToken(token, sendUntil.minusMillis(leadMillis), sendUntil, expiresAt);
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

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
