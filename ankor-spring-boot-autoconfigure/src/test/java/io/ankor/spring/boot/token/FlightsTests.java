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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Flights}.
 */
class FlightsTests {

	private static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final AtomicLong nanoTime = new AtomicLong();

	private final Flights flights = new Flights(new TokenWaits(MAX_WAIT, Duration.ofSeconds(30)), this.nanoTime::get);

	@Test
	void aCallerJoinsTheFlightUntilItHasOutlivedACallersWait() {
		assertThat(this.flights.join(false)).isNull();
		CompletableFuture<CachedToken> flight = this.flights.start(false);
		assertThat(this.flights.inFlight()).isTrue();
		this.nanoTime.addAndGet(MAX_WAIT.toNanos());
		assertThat(this.flights.join(false)).isSameAs(flight);
		this.nanoTime.incrementAndGet();
		CompletableFuture<CachedToken> late = this.flights.join(false);
		assertThat(late).isNotSameAs(flight).isCompletedExceptionally();
		assertThatExceptionOfType(CompletionException.class).isThrownBy(late::join)
			.havingCause()
			.isInstanceOf(AnkorTokenException.class)
			.withMessageContaining("ankor.http.max-wait");
	}

	@Test
	void aBackgroundRenewalIsLateOnlyFromWhenTheFirstCallerJoinsIt() {
		CompletableFuture<CachedToken> renewal = this.flights.start(true);
		this.nanoTime.addAndGet(MAX_WAIT.toNanos() * 5);
		assertThat(this.flights.join(true)).isSameAs(renewal);
		this.nanoTime.addAndGet(MAX_WAIT.toNanos() * 5);
		assertThat(this.flights.join(false)).isSameAs(renewal);
		this.nanoTime.addAndGet(MAX_WAIT.toNanos());
		assertThat(this.flights.join(false)).isSameAs(renewal);
		this.nanoTime.incrementAndGet();
		assertThat(this.flights.join(false)).isCompletedExceptionally();
	}

	@Test
	void lateIsToldAcrossTheWrapOfTheMonotonicClock() {
		this.nanoTime.set(Long.MAX_VALUE - MAX_WAIT.toNanos() / 2);
		CompletableFuture<CachedToken> flight = this.flights.start(false);
		this.nanoTime.addAndGet(MAX_WAIT.toNanos());
		assertThat(this.flights.join(false)).isSameAs(flight);
		this.nanoTime.incrementAndGet();
		assertThat(this.flights.join(false)).isCompletedExceptionally();
	}

	@Test
	void aDetachedFlightEndsWithoutEndingTheNextOne() {
		CompletableFuture<CachedToken> detached = this.flights.start(false);
		this.flights.detach();
		assertThat(this.flights.inFlight()).isFalse();
		CompletableFuture<CachedToken> next = this.flights.start(false);
		assertThat(this.flights.end(detached)).isFalse();
		assertThat(this.flights.inFlight()).isTrue();
		assertThat(this.flights.end(next)).isTrue();
		assertThat(this.flights.inFlight()).isFalse();
	}

	@Test
	void takingTheUnfinishedTakesTheFlightAndTheDetachedThatHaveNotEnded() {
		CompletableFuture<CachedToken> ended = this.flights.start(false);
		this.flights.detach();
		CompletableFuture<CachedToken> running = this.flights.start(false);
		this.flights.detach();
		CompletableFuture<CachedToken> current = this.flights.start(false);
		ended.cancel(false);
		assertThat(this.flights.takeUnfinished()).containsExactlyInAnyOrder(running, current);
		assertThat(this.flights.inFlight()).isFalse();
		assertThat(this.flights.takeUnfinished()).isEmpty();
	}

}
