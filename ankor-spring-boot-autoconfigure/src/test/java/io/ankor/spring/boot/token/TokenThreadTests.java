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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TokenThread}.
 */
class TokenThreadTests {

	@Test
	void aRequestThatEndedWhileQueuedIsNotRun() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger chainsMade = new AtomicInteger();
		TokenThread thread = new TokenThread(() -> {
			chainsMade.incrementAndGet();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("no chain here");
		});
		try {
			CompletableFuture<OAuth2AccessToken> stuck = thread.obtain(null);
			CompletableFuture<OAuth2AccessToken> queued = thread.obtain(null);
			// the queued request's bound passes while the first one holds the thread
			queued.completeExceptionally(new TimeoutException());
			release.countDown();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
			// a third request runs after the queued one would have: the queued one was skipped
			CompletableFuture<OAuth2AccessToken> later = thread.obtain(null);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> later.get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
			assertThat(chainsMade).hasValue(2);
		}
		finally {
			thread.close();
		}
	}

	@Test
	void aFailureOfTheChainFailsTheRequest() {
		TokenThread thread = new TokenThread(() -> {
			throw new IllegalStateException("no chain here");
		});
		try {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> thread.obtainFresh().get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
		}
		finally {
			thread.close();
		}
	}

	@Test
	void retiringLetsTheRequestInProgressEndAndTellsWhenItHas() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		TokenThread thread = new TokenThread(() -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("no chain here");
		});
		CompletableFuture<OAuth2AccessToken> running = thread.obtain(null);
		CompletableFuture<Void> idle = thread.retire();
		assertThat(idle).isNotDone();
		release.countDown();
		assertThat(idle).succeedsWithin(Duration.ofSeconds(10));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> running.get(10, TimeUnit.SECONDS))
			.withMessageContaining("no chain here");
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> thread.obtain(null));
	}

}
