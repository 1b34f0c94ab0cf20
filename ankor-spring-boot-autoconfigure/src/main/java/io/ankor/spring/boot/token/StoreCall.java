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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One call to the application's blocking authorized-client service, made on a store
 * thread for {@link BoundedStores.Blocking}: not made when it was given up before it
 * started, and overdue while it runs past its caller's bound.
 *
 * @author Ankor starter team
 */
final class StoreCall<T> {

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int OVERDUE = 2;

	private static final int DONE = 3;

	private final Callable<@Nullable T> work;

	/** Guarded by {@code this}. */
	private int state = NEW;

	final CompletableFuture<@Nullable T> result = new CompletableFuture<>();

	/** Counted down when the result is done: a wait the token threads' pool does not manage. */
	private final CountDownLatch done = new CountDownLatch(1);

	StoreCall(Callable<@Nullable T> work) {
		this.work = work;
		this.result.whenComplete((value, failure) -> this.done.countDown());
	}

	/**
	 * Waits for the result.
	 * @param timeout how long at most
	 * @return whether it is done
	 * @throws InterruptedException when the waiting thread is interrupted
	 */
	boolean await(Duration timeout) throws InterruptedException {
		return this.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	void run() {
		TokenRequestQueue.complete(this.result, this.work);
	}

	/**
	 * Starts the call, unless it was given up.
	 * @return whether it starts
	 */
	synchronized boolean start() {
		if (this.state != NEW) {
			return false;
		}
		this.state = RUNNING;
		return true;
	}

	/**
	 * Ends the call.
	 * @return whether it was overdue: its caller gave up while it ran
	 */
	synchronized boolean finish() {
		boolean overdue = this.state == OVERDUE;
		this.state = DONE;
		return overdue;
	}

	/**
	 * Gives the call up: one not started is not made, and is done at once, so that the
	 * next call is not refused; one running is overdue until it returns.
	 * @return whether it is running, and so overdue
	 */
	synchronized boolean giveUp() {
		if (this.state == NEW) {
			this.state = DONE;
			this.result.cancel(false);
			return false;
		}
		if (this.state == RUNNING) {
			this.state = OVERDUE;
			return true;
		}
		return false;
	}

}
