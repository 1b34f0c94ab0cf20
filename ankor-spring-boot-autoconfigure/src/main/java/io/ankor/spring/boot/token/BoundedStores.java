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
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;

/**
 * The application's authorized-client service, each call bounded by
 * {@link AuthorizedClientStore#STORE_TIMEOUT}: a blocking one on a thread of its own,
 * {@code ankor-token-store}, a reactive one waited for.
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
	 * A blocking service, called on a thread of its own and waited for with a bound. A call
	 * that outlives its bound keeps that thread; until it returns, the service counts as
	 * failing and is not called again.
	 */
	static final class Blocking implements OAuth2AuthorizedClientService {

		private final OAuth2AuthorizedClientService blocking;

		private final ThreadPoolExecutor executor;

		/** The last call, which the next waits for no longer than it took; used on the token thread only. */
		private volatile @Nullable Future<?> last;

		Blocking(OAuth2AuthorizedClientService blocking) {
			this.blocking = blocking;
			ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					(runnable) -> {
						Thread thread = new Thread(runnable, "ankor-token-store");
						thread.setDaemon(true);
						return thread;
					});
			executor.allowCoreThreadTimeOut(true);
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

		private <T> @Nullable T call(Callable<@Nullable T> call) {
			Future<?> last = this.last;
			if (last != null && !last.isDone()) {
				// not queued behind a call that hangs
				throw new NoAnswer("an earlier call has not returned yet", false);
			}
			Future<@Nullable T> future;
			try {
				future = this.executor.submit(call);
			}
			catch (RejectedExecutionException ex) {
				throw new NoAnswer("closed", true);
			}
			this.last = future;
			try {
				return future.get(AuthorizedClientStore.STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException("the call failed", ex.getCause());
			}
			catch (TimeoutException ex) {
				throw NoAnswer.within();
			}
			catch (InterruptedException ex) {
				future.cancel(true);
				Thread.currentThread().interrupt();
				throw new NoAnswer("interrupted", true);
			}
		}

		void close() {
			this.executor.shutdownNow();
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
