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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.jspecify.annotations.Nullable;

/**
 * The token requests of one {@link DefaultAnkorAccessTokenProvider}: the one in flight,
 * since when a caller has needed its token, and those {@link #detach() detached} from
 * it that have not ended. Not thread-safe: the {@link TokenCache}'s lock guards every
 * call but {@link #inFlight()}.
 *
 * @author Ankor starter team
 */
final class Flights {

	private final TokenWaits waits;

	/** The monotonic clock that times flights: {@link System#nanoTime()}. */
	private final LongSupplier nanoTime;

	/** Read without the lock by {@link #inFlight()}. */
	private volatile @Nullable CompletableFuture<CachedToken> flight;

	/**
	 * When the flight started or, for a background renewal, when the first caller joined
	 * it, by {@link #nanoTime}.
	 */
	private long neededSince;

	/** Whether no caller has joined the background renewal in flight yet. */
	private boolean inBackground;

	/** Requests detached from the provider that may not have reached their source yet. */
	private final List<CompletableFuture<CachedToken>> detached = new ArrayList<>();

	Flights(TokenWaits waits, LongSupplier nanoTime) {
		this.waits = waits;
		this.nanoTime = nanoTime;
	}

	/**
	 * Joins the flight, if any: for a caller, a failure once the flight has outlived a
	 * caller's wait, as its outcome would come too late anyway.
	 * @param background whether a background renewal, which nobody waits for yet, joins
	 * @return the flight, its failure for a late caller, or {@code null} without one
	 */
	@Nullable CompletableFuture<CachedToken> join(boolean background) {
		CompletableFuture<CachedToken> flight = this.flight;
		if (flight == null || background) {
			return flight;
		}
		long now = this.nanoTime.getAsLong();
		if (this.inBackground) {
			// a renewal started early is late only from when a caller needs its token
			this.inBackground = false;
			this.neededSince = now;
		}
		return (now - this.neededSince > this.waits.maxWait().toNanos())
				? CompletableFuture.failedFuture(this.waits.callerTimeout()) : flight;
	}

	/**
	 * Starts a flight; the provider then starts its token request.
	 * @param background whether nobody waits for it yet
	 * @return the flight
	 */
	CompletableFuture<CachedToken> start(boolean background) {
		CompletableFuture<CachedToken> flight = new CompletableFuture<>();
		this.flight = flight;
		this.neededSince = this.nanoTime.getAsLong();
		this.inBackground = background;
		return flight;
	}

	/**
	 * Ends a flight whose request ended.
	 * @param flight the flight
	 * @return whether it was still the provider's flight, not one detached since
	 */
	boolean end(CompletableFuture<CachedToken> flight) {
		if (this.flight != flight) {
			return false;
		}
		this.flight = null;
		return true;
	}

	boolean inFlight() {
		return this.flight != null;
	}

	/** Detaches the flight: it still answers its callers, and the next caller starts another. */
	void detach() {
		this.detached.removeIf(CompletableFuture::isDone);
		CompletableFuture<CachedToken> flight = this.flight;
		if (flight != null) {
			this.detached.add(flight);
		}
		this.flight = null;
	}

	/**
	 * Takes every request that has not ended, the flight and those detached, for the
	 * provider to complete itself.
	 * @return the requests
	 */
	List<CompletableFuture<CachedToken>> takeUnfinished() {
		detach();
		List<CompletableFuture<CachedToken>> unfinished = new ArrayList<>(this.detached);
		this.detached.clear();
		return unfinished;
	}

}
