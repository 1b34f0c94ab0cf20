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
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The threads every account's token requests run on, shared by all accounts:
 * {@value #TOKEN_THREADS} daemon threads {@code ankor-token-N} for token requests (each
 * account sends one at a time, see {@link TokenRequestQueue}) and at most
 * {@value #STORE_THREADS} {@code ankor-token-store-N} for calls to a blocking
 * authorized-client service. Threads are made when work arrives; once a pool has no work,
 * it lets a thread go every 30 s (a store thread goes 30 s after its last call): an
 * application with 200 accounts has no more token threads than one with ten busy ones.
 * <p>
 * A request that waits to retry (after a {@code 503}, say, or a {@code Retry-After}) does
 * not hold back the other accounts: while it waits, a spare thread may serve them
 * ({@link ForkJoinPool#managedBlock}), up to {@value #MAX_TOKEN_THREADS} threads in all.
 * The price of sharing is what remains: while more accounts than there are token threads
 * wait on token endpoints that stall, or on the application's store, the others' requests
 * queue behind them, each bounded by its request bound ({@code ankor.http.*}); callers
 * wait no longer than {@code ankor.http.max-wait} in any case. Calls to the
 * application's store, which every account shares, are not queued behind four that hang.
 *
 * @author Ankor starter team
 */
final class TokenExecutor implements AutoCloseable {

	static final int TOKEN_THREADS = 8;

	/** Token threads with the spares of requests that wait to retry. */
	static final int MAX_TOKEN_THREADS = 16;

	static final int STORE_THREADS = 4;

	/** A spare while fewer than eight threads can run, up to the maximum; a wait past it goes on without one. */
	private final ForkJoinPool tokens;

	private final ThreadPoolExecutor stores = pool(STORE_THREADS, "ankor-token-store-");

	/** Calls to the application's store that outlived their bound and still hold a store thread. */
	private final AtomicInteger overdueStoreCalls = new AtomicInteger();

	/**
	 * Token threads with the application's class loader.
	 * @param classLoader the context class loader of the token threads
	 */
	TokenExecutor(@Nullable ClassLoader classLoader) {
		this.tokens = new ForkJoinPool(TOKEN_THREADS, new TokenThreads(classLoader), null, true, 0, MAX_TOKEN_THREADS,
				TOKEN_THREADS, (pool) -> true, 30, TimeUnit.SECONDS);
	}

	private static ThreadPoolExecutor pool(int threads, String prefix) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (runnable) -> {
					Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Where token requests run.
	 * @return the token threads
	 */
	Executor tokens() {
		return this.tokens;
	}

	/**
	 * Waits to retry, on a token thread, without holding back other accounts' requests: a
	 * spare thread may serve them meanwhile.
	 * @param duration how long to wait
	 * @throws InterruptedException when the thread is interrupted
	 */
	static void sleep(Duration duration) throws InterruptedException {
		long deadline = System.nanoTime() + duration.toNanos();
		ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {

			@Override
			public boolean block() throws InterruptedException {
				long left = deadline - System.nanoTime();
				if (left > 0) {
					TimeUnit.NANOSECONDS.sleep(left);
				}
				return true;
			}

			@Override
			public boolean isReleasable() {
				return System.nanoTime() - deadline >= 0;
			}

		});
	}

	/**
	 * Where calls to a blocking authorized-client service run.
	 * @return the store threads
	 */
	Executor stores() {
		return this.stores;
	}

	/**
	 * Counts a call to the application's store that outlived its bound, or its return.
	 * @param overdue {@code true} when it outlived its bound, {@code false} when it
	 * returned after that
	 */
	void storeCallOverdue(boolean overdue) {
		if (overdue) {
			this.overdueStoreCalls.incrementAndGet();
		}
		else {
			this.overdueStoreCalls.decrementAndGet();
		}
	}

	/**
	 * Whether every store thread is held by a call that outlived its bound: the store,
	 * which every account shares, hangs, and a new call would only queue behind them.
	 * @return whether they all are
	 */
	boolean storeThreadsAllOverdue() {
		return this.overdueStoreCalls.get() >= STORE_THREADS;
	}

	/**
	 * Stops the threads, interrupting the work in progress.
	 */
	@Override
	public void close() {
		this.tokens.shutdownNow();
		this.stores.shutdownNow();
	}

	@Override
	public String toString() {
		return "TokenExecutor[tokens=" + this.tokens.getPoolSize() + ", stores=" + this.stores.getPoolSize() + "]";
	}

	/**
	 * Names the token threads {@code ankor-token-N}: daemons, as every pool thread is, with
	 * the application's class loader as their context class loader (the JDK's default
	 * factory would give them the system class loader, which does not see a packaged
	 * application's classes).
	 */
	private static final class TokenThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		private final @Nullable ClassLoader classLoader;

		TokenThreads(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		@Override
		public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
			ForkJoinWorkerThread thread = new ForkJoinWorkerThread(pool) {
			};
			thread.setName("ankor-token-" + this.count.incrementAndGet());
			thread.setContextClassLoader(this.classLoader);
			return thread;
		}

	}

}
