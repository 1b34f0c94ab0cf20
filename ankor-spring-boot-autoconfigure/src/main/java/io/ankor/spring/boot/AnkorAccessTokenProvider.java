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
package io.ankor.spring.boot;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The access tokens the starter obtains from Ankor, for code that talks to Ankor with an
 * HTTP client of its own. {@code ankorWebClient} and {@code ankorRestClient} use the same
 * provider, so all of them share one cached token.
 * <p>
 * While a valid token is cached, every method answers at once. When none is, exactly one
 * token request is in flight and every caller gets its result or its failure. A token
 * nearing its expiry is renewed in the background while callers keep using it.
 *
 * @author Ankor starter team
 */
public interface AnkorAccessTokenProvider {

	/**
	 * Returns a valid access token, waiting for a token request when none is cached. Do
	 * not call it on an event-loop thread: use {@link #accessToken()} there.
	 * @return the access token
	 * @throws AnkorTokenException when Ankor refuses or fails the token request
	 */
	OAuth2AccessToken getAccessToken();

	/**
	 * Returns a valid access token without blocking.
	 * @return a future of the access token; it fails with {@link AnkorTokenException}
	 * when Ankor refuses or fails the token request
	 */
	CompletableFuture<OAuth2AccessToken> getAccessTokenAsync();

	/**
	 * Returns a valid access token, for reactive code.
	 * @return a {@link Mono} of the access token, resolved on subscription
	 */
	default Mono<OAuth2AccessToken> accessToken() {
		return Mono.defer(() -> Mono.fromFuture(getAccessTokenAsync(), true));
	}

	/**
	 * Drops a token that Ankor's API rejected, so that the next caller gets a new one.
	 * Does nothing when the given token is no longer the cached one.
	 * @param rejected the token Ankor rejected
	 */
	void invalidate(OAuth2AccessToken rejected);

	/**
	 * Forgets the cached token and any remembered failure, so that the next caller asks
	 * Ankor at once: for example between tests that share an application context, one of
	 * which made Ankor refuse. The default does nothing.
	 */
	default void reset() {
	}

}
