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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What a {@link DefaultAnkorAccessTokenProvider} holds behind its fast path: the cached
 * token, the single flight that replaces it, the token Ankor rejected, the failure to
 * remember and the source across rotations, all changed under one lock.
 *
 * @author Ankor starter team
 */
final class TokenCache {

	/** The provider's logger: what it logs is the provider's. */
	private static final Log logger = LogFactory.getLog(DefaultAnkorAccessTokenProvider.class);

	/** Where tokens come from; switched by {@link #rotate} under {@link #monitor}. */
	private final RotatingTokenSource source;

	private final RefreshPolicy policy;

	private final TokenWaits waits;

	private final Object monitor = new Object();

	private volatile @Nullable CachedToken current;

	/** The token request in flight and those {@link #reset()} detached; guarded by {@link #monitor}. */
	private final Flights flights;

	/** A token Ankor rejected, which the next request replaces; guarded by {@link #monitor}. */
	private @Nullable OAuth2AccessToken rejected;

	/** Guarded by {@link #monitor}. */
	private boolean closed;

	/** The last failure since the last success; guarded by {@link #monitor}. */
	private volatile @Nullable RememberedFailure failure;

	private final AtomicLong unauthorizedRenewals = new AtomicLong();

	TokenCache(TokenSource source, RefreshPolicy policy, TokenWaits waits, LongSupplier nanoTime) {
		this.source = new RotatingTokenSource(source);
		this.policy = policy;
		this.waits = waits;
		this.flights = new Flights(waits, nanoTime);
	}

	@Nullable CachedToken current() {
		return this.current;
	}

	@Nullable RememberedFailure failure() {
		return this.failure;
	}

	long unauthorizedRenewals() {
		return this.unauthorizedRenewals.get();
	}

	boolean inFlight() {
		return this.flights.inFlight();
	}

	void renewInBackground(CachedToken cached, Instant now) {
		synchronized (this.monitor) {
			RememberedFailure failure = this.failure;
			if (this.flights.inFlight() || this.current != cached || (failure != null && failure.holds(now))) {
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

	/**
	 * Joins the token request in flight, or starts one replacing {@code stale}, for a
	 * caller or as a renewal in the background that nobody waits for yet.
	 */
	CompletableFuture<CachedToken> flight(@Nullable CachedToken stale, boolean background) {
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
			CompletableFuture<CachedToken> joined = this.flights.join(background);
			if (joined != null) {
				return joined;
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
			flight = this.flights.start(background);
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
			if (this.flights.end(flight)) {
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

	void invalidate(OAuth2AccessToken rejected) {
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

	void reset() {
		synchronized (this.monitor) {
			CachedToken cached = this.current;
			if (cached != null) {
				// so that the next request does not take it back from the store
				this.rejected = cached.token();
			}
			this.current = null;
			this.failure = null;
			this.flights.detach();
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
			unfinished = this.flights.takeUnfinished();
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
	 * Closes the token request queues, the current one and any a rotation retired; callers still
	 * waiting get an error at once.
	 */
	void close() {
		List<CompletableFuture<CachedToken>> unfinished;
		synchronized (this.monitor) {
			this.closed = true;
			unfinished = this.flights.takeUnfinished();
		}
		// callers hear of the close first, not of the interrupted request it causes
		unfinished.forEach((flight) -> flight.completeExceptionally(TokenWaits.closed()));
		this.source.close();
	}

}
