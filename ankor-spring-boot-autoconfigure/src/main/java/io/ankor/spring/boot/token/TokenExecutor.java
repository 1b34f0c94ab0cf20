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

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every account's token requests run on, shared by all accounts: at most
 * {@value #TOKEN_THREADS} daemon threads {@code ankor-token-N} for token requests (each
 * account sends one at a time, see {@link TokenRequestQueue}) and at most
 * {@value #STORE_THREADS} {@code ankor-token-store-N} for calls to a blocking
 * authorized-client service. Threads are made when work arrives and end after 30 s
 * without it: an application with 200 accounts has no more token threads than one with
 * ten busy ones.
 * <p>
 * The price of sharing: a token request holds its thread while it waits on the token
 * endpoint and between its retries (after a {@code 503}, say, or a {@code Retry-After}).
 * When more accounts than there are token threads do so at once, the other accounts'
 * requests queue behind them, each bounded by its request bound ({@code ankor.http.*});
 * callers wait no longer than {@code ankor.http.max-wait} in any case. A request whose
 * bound passes while it queues fails like one that ran out of time. Calls to the
 * application's store, which every account shares, are not queued behind four that hang.
 *
 * @author Ankor starter team
 */
public final class TokenExecutor implements AutoCloseable {

	static final int TOKEN_THREADS = 8;

	static final int STORE_THREADS = 4;

	private final ThreadPoolExecutor tokens = pool(TOKEN_THREADS, "ankor-token-");

	private final ThreadPoolExecutor stores = pool(STORE_THREADS, "ankor-token-store-");

	/** Calls to the application's store that outlived their bound and still hold a store thread. */
	private final AtomicInteger overdueStoreCalls = new AtomicInteger();

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

}
