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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Where the token provider's tokens come from, without blocking the caller.
 *
 * @author Ankor starter team
 */
@FunctionalInterface
interface TokenSource {

	/**
	 * Starts obtaining a token.
	 * @param replacing the token to replace, or {@code null} on a cold start
	 * @return a future of a token other than {@code replacing}, stamped by the policy's
	 * clock
	 */
	CompletableFuture<OAuth2AccessToken> obtain(@Nullable OAuth2AccessToken replacing);

	/**
	 * Starts obtaining a new token from the token endpoint, never a stored one: the first
	 * token of new credentials, which shows that Ankor accepts them.
	 * @return a future of the new token, stamped by the policy's clock
	 */
	default CompletableFuture<OAuth2AccessToken> obtainFresh() {
		return obtain(null);
	}

	/**
	 * Stops obtaining tokens, interrupting a request in progress.
	 */
	default void close() {
	}

	/**
	 * Takes no new requests; one in progress runs to its end.
	 * @return a future that completes once no request of this source is running
	 */
	default CompletableFuture<Void> retire() {
		close();
		return CompletableFuture.completedFuture(null);
	}

}
