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

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TokenRequestQueue}.
 */
class TokenRequestQueueTests {

	private final TokenExecutor executor = new TokenExecutor(getClass().getClassLoader());

	@AfterEach
	void closeExecutor() {
		this.executor.close();
	}

	@Test
	void tokenThreadsHaveTheGivenClassLoaderWhicheverThreadMadeOrUsedTheExecutor() throws Exception {
		ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
		TokenExecutor executor = new TokenExecutor(application);
		try {
			CompletableFuture<ClassLoader> seen = CompletableFuture
				.supplyAsync(() -> Thread.currentThread().getContextClassLoader(), executor.tokens());
			assertThat(seen.get(10, TimeUnit.SECONDS)).isSameAs(application);
		}
		finally {
			thread.setContextClassLoader(original);
			executor.close();
		}
	}

	@Test
	void aRequestThatEndedWhileQueuedIsNotRun() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger chainsMade = new AtomicInteger();
		TokenRequestQueue queue = new TokenRequestQueue(() -> noChainOnce(chainsMade::incrementAndGet, release),
				this.executor);
		try {
			CompletableFuture<OAuth2AccessToken> stuck = queue.obtain(null);
			CompletableFuture<OAuth2AccessToken> queued = queue.obtain(null);
			// the queued request's bound passes while the first one holds the thread
			queued.completeExceptionally(new TimeoutException());
			release.countDown();
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> stuck.get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
			// a third request runs after the queued one would have: the queued one was skipped
			CompletableFuture<OAuth2AccessToken> later = queue.obtain(null);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> later.get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
			assertThat(chainsMade).hasValue(2);
		}
		finally {
			queue.close();
		}
	}

	@Test
	void aFailureOfTheChainFailsTheRequest() {
		TokenRequestQueue queue = new TokenRequestQueue(() -> {
			throw new IllegalStateException("no chain here");
		}, this.executor);
		try {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> queue.obtainFresh().get(10, TimeUnit.SECONDS))
				.withMessageContaining("no chain here");
		}
		finally {
			queue.close();
		}
	}

	@Test
	void retiringLetsTheRequestInProgressEndAndTellsWhenItHas() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		TokenRequestQueue queue = new TokenRequestQueue(() -> noChainOnce(started::countDown, release), this.executor);
		CompletableFuture<OAuth2AccessToken> running = queue.obtain(null);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> idle = queue.retire();
		assertThat(idle).isNotDone();
		release.countDown();
		assertThat(idle).succeedsWithin(Duration.ofSeconds(10));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> running.get(10, TimeUnit.SECONDS))
			.withMessageContaining("no chain here");
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> queue.obtain(null));
	}

	@Test
	void closingInterruptsItsOwnRequestAndLeavesTheSharedThreadToOthers() throws Exception {
		try (OneThread shared = new OneThread()) {
			CountDownLatch started = new CountDownLatch(1);
			AtomicBoolean interrupted = new AtomicBoolean();
			TokenRequestQueue closing = new TokenRequestQueue(() -> {
				started.countDown();
				try {
					Thread.sleep(10_000);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
					// left set, as a chain that does not handle interrupts might
					Thread.currentThread().interrupt();
				}
				throw new IllegalStateException("closed");
			}, shared);
			CompletableFuture<OAuth2AccessToken> running = closing.obtain(null);
			CompletableFuture<OAuth2AccessToken> queued = closing.obtain(null);
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			closing.close();
			assertThat(running).failsWithin(Duration.ofSeconds(10));
			assertThat(interrupted).isTrue();
			assertThat(queued).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withMessageContaining("closed");
			// the same thread serves another account next, without the interrupt
			AtomicBoolean interruptedElsewhere = new AtomicBoolean(true);
			TokenRequestQueue other = new TokenRequestQueue(() -> {
				interruptedElsewhere.set(Thread.currentThread().isInterrupted());
				throw new IllegalStateException("no chain here");
			}, shared);
			assertThat(other.obtain(null)).failsWithin(Duration.ofSeconds(10));
			assertThat(interruptedElsewhere).isFalse();
		}
	}

	@Test
	void manyQueuesShareAtMostTheExecutorsTokenThreads() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		List<CompletableFuture<OAuth2AccessToken>> requests = new ArrayList<>();
		for (int i = 0; i < 3 * TokenExecutor.TOKEN_THREADS; i++) {
			TokenRequestQueue queue = new TokenRequestQueue(
					() -> noChainOnce(() -> threads.add(Thread.currentThread()), release), this.executor);
			requests.add(queue.obtain(null));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == TokenExecutor.TOKEN_THREADS);
		release.countDown();
		assertThat(CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)))
			.failsWithin(Duration.ofSeconds(10));
		assertThat(requests).allSatisfy((request) -> assertThat(request).isCompletedExceptionally());
		assertThat(threads).hasSize(TokenExecutor.TOKEN_THREADS)
			.allSatisfy((thread) -> assertThat(thread.getName()).startsWith("ankor-token-"));
	}

	/**
	 * A chain factory's work: says it started, holds the token thread until released, and
	 * makes no chain.
	 */
	private static AnkorAuthorizedClientChain noChainOnce(Runnable started, CountDownLatch release) {
		started.run();
		try {
			release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IllegalStateException("no chain here");
	}

	/**
	 * Runs every task on one thread, as one of the shared token threads would, without
	 * clearing an interrupt between tasks (a {@code ThreadPoolExecutor} does): the queue
	 * must.
	 */
	private static final class OneThread implements Executor, AutoCloseable {

		private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

		private final Thread thread = new Thread(() -> {
			try {
				while (true) {
					this.tasks.take().run();
				}
			}
			catch (InterruptedException ex) {
				// closed, or an interrupt left over from a task
			}
		}, "one-token-thread");

		OneThread() {
			this.thread.setDaemon(true);
			this.thread.start();
		}

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		@Override
		public void close() {
			this.thread.interrupt();
		}

	}

}
