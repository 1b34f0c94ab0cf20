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
package io.ankor.spring.boot.web;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds Ankor's bearer token to the requests of {@code ankorWebClient} that go to the
 * origin of {@code ankor.api-url}, and to no other. When Ankor answers 401 the token is
 * dropped and the request is sent once more with a new one; a second 401 reaches the
 * caller. Request bodies given as values (the usual {@code bodyValue}) can be replayed; a
 * streamed body cannot be sent twice, so such requests should be idempotent on Ankor's
 * side or handle the 401 themselves.
 *
 * @author Ankor starter team
 */
public final class AnkorBearerExchangeFilterFunction implements ExchangeFilterFunction {

	private final AnkorAccessTokenProvider tokens;

	private final AnkorOrigin origin;

	/**
	 * Creates an instance.
	 * @param tokens the token provider
	 * @param origin the only origin the token is sent to
	 */
	public AnkorBearerExchangeFilterFunction(AnkorAccessTokenProvider tokens, AnkorOrigin origin) {
		this.tokens = tokens;
		this.origin = origin;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.matches(request.url())) {
			return next.exchange(withoutAuthorization(request));
		}
		return this.tokens.accessToken()
			.flatMap((token) -> next.exchange(withBearer(request, token))
				.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
						? Mono.just(response) : replay(request, token, response, next)));
	}

	private Mono<ClientResponse> replay(ClientRequest request, OAuth2AccessToken rejected, ClientResponse response,
			ExchangeFunction next) {
		this.tokens.invalidate(rejected);
		return response.releaseBody()
			.then(this.tokens.accessToken())
			.flatMap((token) -> next.exchange(withBearer(request, token)));
	}

	private static ClientRequest withBearer(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

	private static ClientRequest withoutAuthorization(ClientRequest request) {
		if (!request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return request;
		}
		return ClientRequest.from(request).headers((headers) -> headers.remove(HttpHeaders.AUTHORIZATION)).build();
	}

}
