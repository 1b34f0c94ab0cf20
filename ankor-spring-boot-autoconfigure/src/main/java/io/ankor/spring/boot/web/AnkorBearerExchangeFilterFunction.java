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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds Ankor's bearer token to the requests of {@code ankorWebClient} that go to the
 * origin of {@code ankor.api-url}, and to no other. When Ankor answers 401 the token is
 * dropped and the request is sent once more with a new one; a second 401 reaches the
 * caller. A request body is written once, as given; what it wrote is kept and sent
 * again by the replay, so that a body read from a stream is never read twice: its bytes
 * (up to {@value #MAX_REPLAYED_BODY}) and the headers its writer set, changed or removed.
 * A larger body, a file sent zero-copy, one written with flushes, or one still being
 * written when the 401 came, is not replayed: the caller gets the 401, and its next call
 * a new token.
 *
 * @author Ankor starter team
 */
final class AnkorBearerExchangeFilterFunction implements ExchangeFilterFunction {

	/** The largest request body kept for a replay after a 401, in bytes. */
	static final int MAX_REPLAYED_BODY = 256 * 1024;

	private final AnkorAccessTokenProvider tokens;

	private final AnkorOrigin origin;

	/**
	 * Creates an instance.
	 * @param tokens the token provider
	 * @param origin the only origin the token is sent to
	 */
	AnkorBearerExchangeFilterFunction(AnkorAccessTokenProvider tokens, AnkorOrigin origin) {
		this.tokens = tokens;
		this.origin = origin;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.matches(request.url())) {
			return next.exchange(withoutAuthorization(request));
		}
		return this.tokens.accessToken().flatMap((token) -> {
			// a request without a body (the usual GET) is sent as it is
			RecordedBody body = (request.body() != BodyInserters.empty()) ? new RecordedBody(request) : null;
			ClientRequest first = (body != null) ? body.recording() : request;
			return next.exchange(withBearer(first, token)).flatMap((response) -> {
				if (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
					if (body != null) {
						body.release();
					}
					return Mono.just(response);
				}
				return replay(request, body, token, response, next);
			});
		});
	}

	private Mono<ClientResponse> replay(ClientRequest request, @Nullable RecordedBody body,
			OAuth2AccessToken rejected, ClientResponse response, ExchangeFunction next) {
		this.tokens.invalidate(rejected);
		if (body != null && !body.isReplayable()) {
			body.release();
			return Mono.just(response);
		}
		ClientRequest again = (body != null) ? body.replaying() : request;
		Mono<ClientResponse> replayed = response.releaseBody()
			.then(this.tokens.accessToken())
			.flatMap((token) -> next.exchange(withBearer(again, token)));
		return (body != null) ? replayed.doFinally((signal) -> body.release()) : replayed;
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
