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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.token.RefreshPolicy.CachedToken;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * How long a token request may run, and how callers wait for it: never longer than a
 * bound, and never with their continuations on the token thread (a result that comes
 * later is delivered on Reactor's bounded-elastic scheduler).
 *
 * @author Ankor starter team
 */
final class TokenWaits {

	/**
	 * Where asynchronous callers get their result: never the token thread. Should Reactor
	 * refuse the task, it runs at once rather than be lost.
	 */
	private static final Executor DELIVERY = (task) -> {
		try {
			Schedulers.boundedElastic().schedule(task);
		}
		catch (RejectedExecutionException ex) {
			task.run();
		}
	};

	private final Duration maxWait;

	private final Duration requestBound;

	TokenWaits(Duration maxWait, Duration requestBound) {
		this.maxWait = maxWait;
		this.requestBound = requestBound;
	}

	Duration maxWait() {
		return this.maxWait;
	}

	/**
	 * The failure a token request ended with, a timeout of the flight included.
	 * @param failure what the request completed with
	 * @return the failure to hand to callers
	 */
	Throwable failure(@Nullable Throwable failure) {
		Throwable cause = unwrap(failure);
		return (cause instanceof TimeoutException) ? requestTimeout() : cause;
	}

	/**
	 * Starts a token request that ends within the request bound, even if the chain does
	 * not answer.
	 * @param source where tokens come from
	 * @param replacing the token to replace, or {@code null}
	 * @return the request
	 */
	CompletableFuture<OAuth2AccessToken> start(TokenSource source, @Nullable OAuth2AccessToken replacing) {
		return start(() -> source.obtain(replacing));
	}

	/**
	 * Starts the request for the first token of new credentials, which ends within the
	 * request bound, even if the chain does not answer.
	 * @param source where the new credentials' tokens come from
	 * @return the request
	 * @see TokenSource#obtainFresh()
	 */
	CompletableFuture<OAuth2AccessToken> startFresh(TokenSource source) {
		return start(source::obtainFresh);
	}

	private CompletableFuture<OAuth2AccessToken> start(Supplier<CompletableFuture<OAuth2AccessToken>> obtain) {
		CompletableFuture<OAuth2AccessToken> request;
		try {
			request = obtain.get();
		}
		catch (RejectedExecutionException ex) {
			request = CompletableFuture.failedFuture(closed());
		}
		catch (RuntimeException ex) {
			request = CompletableFuture.failedFuture(ex);
		}
		return request.orTimeout(this.requestBound.toMillis(), TimeUnit.MILLISECONDS);
	}

	static IllegalStateException closed() {
		return new IllegalStateException("The Ankor token provider is closed: the application context is closing");
	}

	/**
	 * Waits for a token request, blocking.
	 * @param flight the token request
	 * @return its token
	 * @throws AnkorTokenException when it failed, or gave no answer within the bound
	 */
	OAuth2AccessToken await(CompletableFuture<CachedToken> flight) {
		if (!flight.isDone() && Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("AnkorAccessTokenProvider.getAccessToken() would block the non-blocking "
					+ "thread " + Thread.currentThread().getName() + " while a token is requested; use accessToken() "
					+ "or getAccessTokenAsync() in reactive code, or ankorWebClient instead of ankorRestClient");
		}
		try {
			return flight.get(this.maxWait.toMillis(), TimeUnit.MILLISECONDS).token();
		}
		catch (ExecutionException | CompletionException ex) {
			throw rethrow(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw callerTimeout();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an Ankor access token", ex);
		}
	}

	/**
	 * Waits, blocking, for a token request of the provider's own, such as the first one
	 * with new credentials: for as long as the request may take, which {@link #start}
	 * bounds.
	 * @param request the token request, as {@link #start} returned it
	 * @return its token
	 * @throws AnkorTokenException when it failed, or gave no answer within the bound
	 */
	OAuth2AccessToken awaitRequest(CompletableFuture<OAuth2AccessToken> request) {
		try {
			return request.get();
		}
		catch (ExecutionException | CompletionException ex) {
			throw rethrow(failure(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for an Ankor token request", ex);
		}
	}

	/**
	 * A future of a token request's token, completed on Reactor's bounded-elastic
	 * scheduler, or failed once the bound has passed. Cancelling it leaves the request
	 * running for others.
	 * @param flight the token request
	 * @return the future
	 */
	CompletableFuture<OAuth2AccessToken> deliver(CompletableFuture<CachedToken> flight) {
		CompletableFuture<OAuth2AccessToken> result = new CompletableFuture<>();
		BiConsumer<CachedToken, Throwable> complete = (token, failure) -> {
			if (token != null) {
				result.complete(token.token());
			}
			else {
				// a copy each: Reactor adds to the exceptions it is handed
				result.completeExceptionally(copy(unwrap(failure)));
			}
		};
		if (flight.isDone()) {
			// a remembered failure or a token cached meanwhile: the caller's own thread will do
			flight.whenComplete(complete);
			return result;
		}
		flight.whenCompleteAsync(complete, DELIVERY);
		if (!result.isDone()) {
			// the caller's bound, let go of once it has its answer: a timer per caller that waited would
			// otherwise hold its future for the whole wait
			CompletableFuture<Void> bound = new CompletableFuture<Void>()
				.completeOnTimeout(null, this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
			bound.thenRunAsync(() -> result.completeExceptionally(callerTimeout()), DELIVERY);
			result.whenComplete((token, failure) -> bound.cancel(false));
		}
		return result;
	}

	static Throwable unwrap(@Nullable Throwable failure) {
		if (failure instanceof CompletionException && failure.getCause() != null) {
			return failure.getCause();
		}
		return (failure != null) ? failure : new IllegalStateException("The Ankor token request failed");
	}

	private static RuntimeException rethrow(@Nullable Throwable cause) {
		Throwable failure = copy(unwrap(cause));
		return (failure instanceof RuntimeException runtimeException) ? runtimeException
				: new IllegalStateException("Ankor access token request failed", failure);
	}

	/** A copy of a shared failure, so that each caller's stack trace shows its own call. */
	private static Throwable copy(Throwable failure) {
		if (failure instanceof AnkorTokenException tokenException) {
			return new AnkorTokenException(tokenException.getError(), tokenException.getStatusCode(),
					tokenException.getRetryAfter(), tokenException.getServerDate(), tokenException.getHint(),
					tokenException);
		}
		if (failure instanceof IllegalStateException) {
			return new IllegalStateException(failure.getMessage(), failure);
		}
		return failure;
	}

	/**
	 * The failure of a caller who waited {@code ankor.http.max-wait} in vain.
	 * @return the failure
	 */
	AnkorTokenException callerTimeout() {
		return new AnkorTokenException(new OAuth2Error("token_request_timeout", "no Ankor access token within "
				+ this.maxWait.toMillis() + " ms (ankor.http.max-wait); the token request goes on for later callers",
				null), 0, null, null, null);
	}

	private AnkorTokenException requestTimeout() {
		return new AnkorTokenException(new OAuth2Error("token_request_timeout",
				"the token request took longer than " + this.requestBound.toMillis() + " ms (ankor.http.retry-budget "
						+ "plus ankor.http.connect-timeout and ankor.http.read-timeout)",
				null), 0, null, null, null);
	}

}
