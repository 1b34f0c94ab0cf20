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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Runs the blocking token chain on one daemon thread of its own, {@code ankor-token-N},
 * which ends after 30 s without work: no caller's thread waits on I/O it did not ask for,
 * and no event loop ever blocks. The chain (Spring Security's manager, the HTTP client) is
 * made there when the first token is requested, not during startup, and its threads are
 * stopped when this token thread is closed, or retired and idle.
 *
 * @author Ankor starter team
 */
final class TokenThread implements TokenSource {

	private static final AtomicInteger count = new AtomicInteger();

	private final Supplier<AnkorAuthorizedClientChain> chainFactory;

	/** Made on first use, on a token thread (one at a time: a new one after 30 s idle). */
	private volatile @Nullable AnkorAuthorizedClientChain chain;

	private final ExecutorService executor;

	private final Object chainLock = new Object();

	/** Whether the chain's threads were stopped: no chain is made after; guarded by {@link #chainLock}. */
	private boolean chainClosed;

	TokenThread(Supplier<AnkorAuthorizedClientChain> chainFactory) {
		this.chainFactory = chainFactory;
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "ankor-token-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		this.executor = executor;
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing) {
		return CompletableFuture.supplyAsync(() -> chain().obtain(replacing), this.executor);
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> obtainFresh() {
		return CompletableFuture.supplyAsync(() -> chain().obtainFresh(), this.executor);
	}

	private AnkorAuthorizedClientChain chain() {
		AnkorAuthorizedClientChain chain = this.chain;
		if (chain == null) {
			synchronized (this.chainLock) {
				if (this.chainClosed) {
					throw TokenWaits.closed();
				}
				chain = this.chainFactory.get();
				this.chain = chain;
			}
		}
		return chain;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		closeChain();
	}

	@Override
	public CompletableFuture<Void> retire() {
		// requests still queued are not sent: their callers were served at the switch
		((ThreadPoolExecutor) this.executor).getQueue().clear();
		CompletableFuture<Void> idle;
		try {
			// runs after the request in progress, on the one thread
			idle = CompletableFuture.runAsync(() -> {
			}, this.executor);
		}
		catch (RejectedExecutionException ex) {
			idle = CompletableFuture.completedFuture(null);
		}
		this.executor.shutdown();
		return idle.whenComplete((ignored, failure) -> closeChain());
	}

	/** Stops the chain's threads, once no request can use it. */
	private void closeChain() {
		AnkorAuthorizedClientChain chain;
		synchronized (this.chainLock) {
			chain = this.chain;
			this.chain = null;
			this.chainClosed = true;
		}
		if (chain != null) {
			chain.close();
		}
	}

}
