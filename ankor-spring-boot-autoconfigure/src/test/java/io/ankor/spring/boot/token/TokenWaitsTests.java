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

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ankor.spring.boot.autoconfigure.MutableClock;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link TokenWaits}.
 */
class TokenWaitsTests {

	private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-12-02T12:00:00Z"));

	private final RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(1), this.clock, () -> 0L);

	@Test
	void aCallerThatGotItsTokenIsNoLongerHeldByTheTimerOfItsBound() throws Exception {
		assumeTrue(MutableClock.explicitGcRuns(), "System.gc() is switched off in this JVM");
		TokenWaits waits = new TokenWaits(Duration.ofHours(1), Duration.ofHours(1));
		CompletableFuture<CachedToken> flight = new CompletableFuture<>();
		CompletableFuture<OAuth2AccessToken> caller = waits.deliver(flight);
		WeakReference<CompletableFuture<OAuth2AccessToken>> released = new WeakReference<>(caller);
		Instant now = this.clock.instant();
		flight.complete(this.policy.time(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "t", now,
				now.plus(Duration.ofHours(1)))));
		assertThat(caller.get(10, TimeUnit.SECONDS).getTokenValue()).isEqualTo("t");
		caller = null;
		// an uncancelled timer would hold the caller's future for the hour of its bound
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			System.gc();
			return released.get() == null;
		});
	}

	@Test
	void aCallerThatGotNoAnswerWithinItsBoundGetsATimeout() {
		TokenWaits waits = new TokenWaits(Duration.ofMillis(50), Duration.ofHours(1));
		CompletableFuture<OAuth2AccessToken> caller = waits.deliver(new CompletableFuture<>());
		assertThat(caller).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withMessageContaining("token_request_timeout")
			.withMessageContaining("ankor.http.max-wait");
	}

}
