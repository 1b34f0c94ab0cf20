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

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * The application's authorized-client service, each call bounded by
 * {@link AuthorizedClientStore#STORE_TIMEOUT}: a blocking one on the shared
 * {@code ankor-token-store-N} threads, a reactive one waited for.
 *
 * @author Ankor starter team
 */
final class BoundedStores {

	private BoundedStores() {
	}

	/**
	 * A reactive service, waited for with a bound.
	 */
	record Reactive(ReactiveOAuth2AuthorizedClientService reactive) implements OAuth2AuthorizedClientService {

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String registrationId,
				String principal) {
			return this.reactive.<T>loadAuthorizedClient(registrationId, principal)
				.timeout(AuthorizedClientStore.STORE_TIMEOUT, Mono.error(NoAnswer::within))
				.block();
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			this.reactive.saveAuthorizedClient(client, principal)
				.timeout(AuthorizedClientStore.STORE_TIMEOUT, Mono.error(NoAnswer::within))
				.block();
		}

		@Override
		public void removeAuthorizedClient(String registrationId, String principal) {
			this.reactive.removeAuthorizedClient(registrationId, principal)
				.timeout(AuthorizedClientStore.STORE_TIMEOUT, Mono.error(NoAnswer::within))
				.block();
		}

	}

	/**
	 * A blocking service, called on the shared store threads ({@link TokenExecutor}) and
	 * waited for with a bound. A call that outlives its bound keeps its thread; until it
	 * returns, the service counts as failing and is not called again for this account. A
	 * call that has not started when its bound passes is not made.
	 */
	static final class Blocking implements OAuth2AuthorizedClientService {

		private final OAuth2AuthorizedClientService blocking;

		private final TokenExecutor executor;

		private final Object lock = new Object();

		/** The last call, which the next waits for no longer than it took; used on the token thread only. */
		private volatile @Nullable StoreCall<?> last;

		/** The thread in a call of this account's, to interrupt on close; guarded by {@link #lock}. */
		private @Nullable Thread worker;

		/** Guarded by {@link #lock}. */
		private boolean closed;

		Blocking(OAuth2AuthorizedClientService blocking, TokenExecutor executor) {
			this.blocking = blocking;
			this.executor = executor;
		}

		@Override
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String registrationId,
				String principal) {
			return call(() -> this.blocking.<T>loadAuthorizedClient(registrationId, principal));
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			call(() -> {
				this.blocking.saveAuthorizedClient(client, principal);
				return null;
			});
		}

		@Override
		public void removeAuthorizedClient(String registrationId, String principal) {
			call(() -> {
				this.blocking.removeAuthorizedClient(registrationId, principal);
				return null;
			});
		}

		private <T> @Nullable T call(Callable<@Nullable T> work) {
			StoreCall<?> last = this.last;
			if (last != null && !last.result.isDone()) {
				// not queued behind a call that hangs
				throw new NoAnswer("an earlier call has not returned yet", false);
			}
			if (this.executor.storeThreadsAllOverdue()) {
				// every account shares the service: not queued behind the calls that hang
				throw new NoAnswer("every store thread waits on a call that has not returned", false);
			}
			StoreCall<T> call = new StoreCall<>(work);
			synchronized (this.lock) {
				if (this.closed) {
					throw new NoAnswer("closed", true);
				}
			}
			try {
				this.executor.stores().execute(() -> run(call));
			}
			catch (RejectedExecutionException ex) {
				throw new NoAnswer("closed", true);
			}
			this.last = call;
			try {
				// a plain wait: a spare token thread would only queue more calls on the store threads
				if (!call.await(AuthorizedClientStore.STORE_TIMEOUT)) {
					if (call.giveUp()) {
						this.executor.storeCallOverdue(true);
					}
					throw NoAnswer.within();
				}
				return call.result.get();
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException("the call failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				if (call.giveUp()) {
					this.executor.storeCallOverdue(true);
				}
				interruptWorker();
				Thread.currentThread().interrupt();
				throw new NoAnswer("interrupted", true);
			}
		}

		private void run(StoreCall<?> call) {
			synchronized (this.lock) {
				if (!call.start()) {
					// given up before it started
					return;
				}
				this.worker = Thread.currentThread();
			}
			try {
				call.run();
			}
			finally {
				if (call.finish()) {
					this.executor.storeCallOverdue(false);
				}
				synchronized (this.lock) {
					if (this.worker == Thread.currentThread()) {
						this.worker = null;
					}
				}
			}
		}

		private void interruptWorker() {
			synchronized (this.lock) {
				if (this.worker != null) {
					this.worker.interrupt();
				}
			}
		}

		void close() {
			synchronized (this.lock) {
				this.closed = true;
			}
			interruptWorker();
		}

	}

	/** The application's service did not answer in time; its message is the starter's own. */
	static final class NoAnswer extends IllegalStateException {

		/** Whether the token thread closes, rather than the service failing. */
		final boolean closing;

		NoAnswer(String message, boolean closing) {
			super(message);
			this.closing = closing;
		}

		static NoAnswer within() {
			return new NoAnswer("no answer within " + AuthorizedClientStore.STORE_TIMEOUT.toSeconds() + " s", false);
		}

	}

}
