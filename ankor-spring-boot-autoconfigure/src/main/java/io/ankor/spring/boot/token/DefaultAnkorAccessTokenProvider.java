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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorTokenStatus;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * ({@link TokenWaits}).</li>
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

	private static final Log logger = LogFactory.getLog(DefaultAnkorAccessTokenProvider.class);

	/** Where tokens come from; switched by {@link #rotate} under {@link #monitor}. */
	private final RotatingTokenSource source;

	private final RefreshPolicy policy;

	private final TokenWaits waits;

	private final Mono<OAuth2AccessToken> accessToken = Mono.defer(this::accessTokenNow);

	private final Object monitor = new Object();

	private volatile @Nullable CachedToken current;

	/** The token request in flight; written under {@link #monitor}. */
	private volatile @Nullable CompletableFuture<CachedToken> flight;

	/** The monotonic clock that times flights: {@link System#nanoTime()}. */
	private final LongSupplier nanoTime;

	/**
	 * Since when a caller has needed the flight's token, by {@link #nanoTime}: when
	 * it started, or for a background renewal when the first caller joined it; guarded by
	 * {@link #monitor}.
	 */
	private long flightNeededSince;

	/** Whether no caller has joined the background renewal in flight yet; guarded by {@link #monitor}. */
	private boolean flightInBackground;

	/** A token Ankor rejected, which the next request replaces; guarded by {@link #monitor}. */
	private @Nullable OAuth2AccessToken rejected;

	/** Guarded by {@link #monitor}. */
	private boolean closed;

	/**
	 * Requests that {@link #reset()} detached and that have not ended, which may not have
	 * reached their source yet; guarded by {@link #monitor}.
	 */
	private final List<CompletableFuture<CachedToken>> detached = new ArrayList<>();

	/** The last failure since the last success; guarded by {@link #monitor}. */
	private volatile @Nullable RememberedFailure failure;

	private final AtomicLong unauthorizedRenewals = new AtomicLong();

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
		this.nanoTime = nanoTime;
		this.source = new RotatingTokenSource(source);
		this.policy = policy;
		this.waits = new TokenWaits(maxWait, requestBound);
	}

	@Override
	public OAuth2AccessToken getAccessToken() {
		CachedToken cached = this.current;
		if (isSendable(cached)) {
			return cached.token();
		}
		return this.waits.await(flight(cached));
	}

	/** One shared {@code Mono}: its fast path hands out the cached token's own. */
	@Override
	public Mono<OAuth2AccessToken> accessToken() {
		return this.accessToken;
	}

	private Mono<OAuth2AccessToken> accessTokenNow() {
		CachedToken cached = this.current;
		if (isSendable(cached)) {
			return cached.mono();
		}
		return Mono.fromFuture(this.waits.deliver(flight(cached)), true);
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> getAccessTokenAsync() {
		CachedToken cached = this.current;
		if (isSendable(cached)) {
			return CompletableFuture.completedFuture(cached.token());
		}
		return this.waits.deliver(flight(cached));
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
			renewInBackground(cached, now);
		}
		return true;
	}

	private void renewInBackground(CachedToken cached, Instant now) {
		synchronized (this.monitor) {
			RememberedFailure failure = this.failure;
			if (this.flight != null || this.current != cached || (failure != null && failure.holds(now))) {
				return;
			}
		}
		flight(cached, true).whenComplete((token, failure) -> {
			if (failure != null) {
				logger.warn("Background renewal of the Ankor access token failed; the current token stays in use "
						+ "until its refresh margin: " + TokenWaits.unwrap(failure).getMessage());
			}
		});
	}

	/** Joins the token request in flight, or starts one replacing {@code stale}. */
	private CompletableFuture<CachedToken> flight(@Nullable CachedToken stale) {
		return flight(stale, false);
	}

	/**
	 * Joins the token request in flight, or starts one replacing {@code stale}, for a
	 * caller or as a renewal in the background that nobody waits for yet.
	 */
	private CompletableFuture<CachedToken> flight(@Nullable CachedToken stale, boolean background) {
		CompletableFuture<CachedToken> flight;
		OAuth2AccessToken replacing;
		TokenSource source;
		synchronized (this.monitor) {
			if (this.closed) {
				return CompletableFuture.failedFuture(TokenWaits.closed());
			}
			CachedToken cached = this.current;
			if (cached != stale && cached != null && cached.isSendable(this.policy.now())) {
				return CompletableFuture.completedFuture(cached);
			}
			if (this.flight != null) {
				long now = this.nanoTime.getAsLong();
				if (this.flightInBackground && !background) {
					// a renewal started early is late only from when a caller needs its token
					this.flightInBackground = false;
					this.flightNeededSince = now;
				}
				// a request that has outlived a caller's wait is not joined: its outcome is as good as late
				return (!background && !this.flightInBackground
						&& now - this.flightNeededSince > this.waits.maxWait().toNanos())
						? CompletableFuture.failedFuture(this.waits.callerTimeout()) : this.flight;
			}
			RememberedFailure failure = this.failure;
			if (failure != null && failure.holds(this.policy.now())) {
				// Ankor is not asked again before the next attempt is due
				return CompletableFuture.failedFuture(failure.failure());
			}
			// the request starts outside the lock; a rejected token is the newest the caller can know of
			// (nothing is cached since), even when its own look at the cache came before the rejection
			replacing = (this.rejected != null) ? this.rejected : (stale != null) ? stale.token() : null;
			source = this.source.current();
			flight = new CompletableFuture<>();
			this.flight = flight;
			this.flightNeededSince = this.nanoTime.getAsLong();
			this.flightInBackground = background;
		}
		this.waits.start(source, replacing).whenComplete((token, failure) -> complete(flight, token, failure));
		return flight;
	}

	private void complete(CompletableFuture<CachedToken> flight, @Nullable OAuth2AccessToken token,
			@Nullable Throwable failure) {
		CachedToken fetched = null;
		try {
			fetched = (token != null) ? this.policy.time(token) : null;
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		Throwable cause = (fetched != null) ? null : this.waits.failure(failure);
		synchronized (this.monitor) {
			// a flight detached by reset() or close() still answers its callers, but changes nothing
			if (this.flight == flight) {
				this.flight = null;
				if (fetched != null) {
					this.current = fetched;
					this.rejected = null;
					this.failure = null;
				}
				else if (cause != null) {
					this.failure = RememberedFailure.after(this.failure, cause, this.policy.now());
				}
			}
		}
		if (fetched != null) {
			flight.complete(fetched);
		}
		else {
			flight.completeExceptionally(cause);
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

	@Override
	public void reset() {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached != null) {
				// so that the next request does not take it back from the store
				this.rejected = cached.token();
			}
			this.current = null;
			this.failure = null;
			this.detached.removeIf(CompletableFuture::isDone);
			if (this.flight != null) {
				this.detached.add(this.flight);
			}
			this.flight = null;
		}
	}

	/**
	 * Switches to new credentials without a pause. A token is obtained through the new
	 * chain first, on the caller's thread, within the request bound; only then does this
	 * provider hand out that token and request every later one through the new chain.
	 * Until then, and for good when the new chain fails, the current token and chain stay
	 * in use. Callers waiting for a token request of the old chain get the new chain's
	 * token at the switch; that request runs to its end, and its outcome is dropped.
	 * Rotations of one provider must not overlap: the starter runs them one at a time.
	 * @param next where the new credentials' tokens come from
	 * @throws AnkorTokenException when the new chain obtains no token
	 * @throws IllegalStateException when this provider is closed
	 */
	void rotate(TokenSource next) {
		synchronized (this.monitor) {
			if (this.closed) {
				next.close();
				throw TokenWaits.closed();
			}
		}
		CachedToken fetched;
		try {
			// a token stored under the same company and Key ID is never taken for new credentials
			fetched = this.policy.time(this.waits.awaitRequest(this.waits.startFresh(next)));
		}
		catch (RuntimeException ex) {
			next.close();
			throw ex;
		}
		TokenSource retired;
		List<CompletableFuture<CachedToken>> unfinished;
		synchronized (this.monitor) {
			if (this.closed) {
				next.close();
				throw TokenWaits.closed();
			}
			// a flight may have taken the old source without having started on it yet
			unfinished = takeUnfinished();
			retired = this.source.switchTo(next);
			this.current = fetched;
			this.rejected = null;
			this.failure = null;
			// the old key's callers get the new key's token, not the old request's outcome (a refusal once the
			// old key is deleted, or a token of the old key): completed here, before that request's end can
			// complete them (their callers' continuations run elsewhere)
			unfinished.forEach((flight) -> flight.complete(fetched));
		}
		this.source.retire(retired);
	}

	/**
	 * Takes the requests of the current source that have not ended, the flight and those
	 * {@link #reset()} detached, from this provider; called under {@link #monitor}.
	 */
	private List<CompletableFuture<CachedToken>> takeUnfinished() {
		List<CompletableFuture<CachedToken>> unfinished = new ArrayList<>();
		if (this.flight != null) {
			unfinished.add(this.flight);
		}
		this.flight = null;
		this.detached.stream().filter((detached) -> !detached.isDone()).forEach(unfinished::add);
		this.detached.clear();
		return unfinished;
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
		CachedToken cached = this.current;
		Instant now = this.policy.now();
		RememberedFailure failure = this.failure;
		boolean sendable = cached != null && cached.isSendable(now);
		return new AnkorTokenStatus(sendable ? Duration.between(now, cached.expiresAt()) : null,
				sendable ? cached.token().getScopes() : Set.of(), (failure != null) ? failure.errorCode() : null,
				(failure != null) ? failure.at() : null,
				(failure != null && failure.holds(now)) ? failure.nextAttemptAt() : null,
				this.unauthorizedRenewals.get(), this.flight != null);
	}

	/**
	 * Closes the token request queues, the current one and any a rotation retired; callers still
	 * waiting get an error at once.
	 */
	@Override
	public void destroy() {
		List<CompletableFuture<CachedToken>> unfinished;
		synchronized (this.monitor) {
			this.closed = true;
			unfinished = takeUnfinished();
		}
		// callers hear of the close first, not of the interrupted request it causes
		unfinished.forEach((flight) -> flight.completeExceptionally(TokenWaits.closed()));
		this.source.close();
	}

	@Override
	public String toString() {
		CachedToken cached = this.current;
		return "DefaultAnkorAccessTokenProvider[token="
				+ ((cached != null) ? "expires at " + cached.expiresAt() : "none") + "]";
	}

}
