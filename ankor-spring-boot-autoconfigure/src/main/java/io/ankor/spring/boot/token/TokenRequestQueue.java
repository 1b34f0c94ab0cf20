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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * One account's token requests, run one at a time on the shared token threads
 * ({@link TokenExecutor}): no caller's thread waits on I/O it did not ask for, no event
 * loop ever blocks, and no account holds a thread while it has nothing to send. The chain
 * (Spring Security's manager, the token endpoint client) is made when the first token is
 * requested, not during startup, and closed when this queue is closed, or retired and
 * idle. A request whose caller stopped waiting before it ran is not sent.
 *
 * @author Ankor starter team
 */
final class TokenRequestQueue implements TokenSource {

	private final Supplier<AnkorAuthorizedClientChain> chainFactory;

	private final Executor executor;

	private final Object lock = new Object();

	/** Requests not started yet; guarded by {@link #lock}. */
	private final Queue<Request<?>> queue = new ArrayDeque<>();

	/** Whether a request of this queue runs or is handed to the executor; guarded by {@link #lock}. */
	private boolean running;

	/** The thread running a request of this queue, to interrupt on close; guarded by {@link #lock}. */
	private @Nullable Thread worker;

	/** Whether no request is taken any more; guarded by {@link #lock}. */
	private boolean stopped;

	/** Completes once a retired queue has no request running; guarded by {@link #lock}. */
	private @Nullable CompletableFuture<Void> idle;

	/** Made on first use, on a token thread; guarded by {@link #lock}. */
	private @Nullable AnkorAuthorizedClientChain chain;

	/** Whether the chain was closed: no chain is made after; guarded by {@link #lock}. */
	private boolean chainClosed;

	TokenRequestQueue(Supplier<AnkorAuthorizedClientChain> chainFactory, TokenExecutor executor) {
		this(chainFactory, executor.tokens());
	}

	TokenRequestQueue(Supplier<AnkorAuthorizedClientChain> chainFactory, Executor executor) {
		this.chainFactory = chainFactory;
		this.executor = executor;
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing) {
		return submit(() -> chain().obtain(replacing));
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> obtainFresh() {
		return submit(() -> chain().obtainFresh());
	}

	private <T> CompletableFuture<T> submit(Supplier<T> work) {
		Request<T> request = new Request<>(work, new CompletableFuture<>());
		synchronized (this.lock) {
			if (this.stopped) {
				throw new RejectedExecutionException("closed");
			}
			this.queue.add(request);
			if (this.running) {
				return request.result();
			}
			this.running = schedule();
		}
		ended();
		return request.result();
	}

	/**
	 * Hands the next request to the executor; called under {@link #lock}.
	 * @return whether it took it (else the shared threads are closing with the application)
	 */
	private boolean schedule() {
		try {
			if (this.executor instanceof ExecutorService service && service.isShutdown()) {
				// a pool may still take work from its own threads once shut down
				throw new RejectedExecutionException("shut down");
			}
			this.executor.execute(this::runNext);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.stopped = true;
			this.running = false;
			return false;
		}
	}

	/** Runs one request, then hands the next back to the executor, so that other accounts' work may come first. */
	private void runNext() {
		Request<?> request;
		synchronized (this.lock) {
			// a stopped queue sends nothing more, not even what it still holds
			request = this.stopped ? null : this.queue.poll();
			this.worker = (request != null) ? Thread.currentThread() : null;
			if (request == null) {
				this.running = false;
			}
		}
		if (request != null) {
			try {
				request.run();
			}
			finally {
				afterRun();
			}
		}
		ended();
	}

	private void afterRun() {
		synchronized (this.lock) {
			this.worker = null;
			// an interrupt meant for this request stays with it, not with the shared thread's next work
			Thread.interrupted();
			this.running = !this.stopped && !this.queue.isEmpty() && schedule();
		}
	}

	/** Fails what can no longer run, and tells a retirement once nothing runs; never under {@link #lock}. */
	private void ended() {
		List<Request<?>> failed;
		CompletableFuture<Void> idle;
		synchronized (this.lock) {
			failed = this.stopped ? takeQueued() : List.of();
			idle = (this.running) ? null : this.idle;
		}
		failed.forEach((request) -> request.result().completeExceptionally(TokenWaits.closed()));
		if (idle != null) {
			idle.complete(null);
		}
	}

	/** The chain, made on first use; one request of this queue runs at a time, so one chain is made. */
	private AnkorAuthorizedClientChain chain() {
		synchronized (this.lock) {
			if (this.chainClosed) {
				throw TokenWaits.closed();
			}
			if (this.chain != null) {
				return this.chain;
			}
		}
		AnkorAuthorizedClientChain made = this.chainFactory.get();
		synchronized (this.lock) {
			if (!this.chainClosed) {
				this.chain = made;
				return made;
			}
		}
		made.close();
		throw TokenWaits.closed();
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.stopped = true;
			if (this.worker != null) {
				this.worker.interrupt();
			}
		}
		ended();
		closeChain();
	}

	@Override
	public CompletableFuture<Void> retire() {
		CompletableFuture<Void> idle = new CompletableFuture<>();
		synchronized (this.lock) {
			// requests still queued are not sent: their callers were served at the switch
			this.stopped = true;
			this.idle = idle;
		}
		ended();
		return idle.whenComplete((ignored, failure) -> closeChain());
	}

	/** Called under {@link #lock}. */
	private List<Request<?>> takeQueued() {
		List<Request<?>> queued = new ArrayList<>(this.queue);
		this.queue.clear();
		return queued;
	}

	/** Closes the chain, once no request can use it. */
	private void closeChain() {
		AnkorAuthorizedClientChain chain;
		synchronized (this.lock) {
			chain = this.chain;
			this.chain = null;
			this.chainClosed = true;
		}
		if (chain != null) {
			chain.close();
		}
	}

	/** A request and its result; not run when its result is already complete (its callers gave up). */
	private record Request<T>(Supplier<T> work, CompletableFuture<T> result) {

		void run() {
			if (this.result.isDone()) {
				return;
			}
			complete(this.result, this.work::get);
		}

	}

	/**
	 * Completes a result with what some work returns or throws; an error of the virtual
	 * machine is thrown on, too.
	 * @param result the result
	 * @param work the work, run on the calling thread
	 */
	static <T> void complete(CompletableFuture<T> result, Callable<T> work) {
		try {
			result.complete(work.call());
		}
		catch (Throwable ex) {
			result.completeExceptionally(ex);
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
		}
	}

}
