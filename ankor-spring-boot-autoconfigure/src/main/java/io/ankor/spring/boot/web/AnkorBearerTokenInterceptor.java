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

import java.io.IOException;

import io.ankor.spring.boot.AnkorAccessTokenProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Adds Ankor's bearer token to the requests of {@code ankorRestClient} that go to the
 * origin of {@code ankor.api-url}, and to no other. When Ankor answers 401 the token is
 * dropped and the request is sent once more, with the same body and a new token; a
 * second 401 reaches the caller.
 *
 * @author Ankor starter team
 */
final class AnkorBearerTokenInterceptor implements ClientHttpRequestInterceptor {

	private final AnkorAccessTokenProvider tokens;

	private final AnkorOrigin origin;

	/**
	 * Creates an instance.
	 * @param tokens the token provider
	 * @param origin the only origin the token is sent to
	 */
	AnkorBearerTokenInterceptor(AnkorAccessTokenProvider tokens, AnkorOrigin origin) {
		this.tokens = tokens;
		this.origin = origin;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.origin.matches(request.getURI())) {
			request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
			return execution.execute(request, body);
		}
		OAuth2AccessToken token = this.tokens.getAccessToken();
		ClientHttpResponse response = execution.execute(withBearer(request, token), body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		response.close();
		this.tokens.invalidate(token);
		return execution.execute(withBearer(request, this.tokens.getAccessToken()), body);
	}

	/**
	 * The request with the token, on a copy of its headers: the caller's request, which
	 * its handlers and interceptors see, never holds the token, and a replay starts afresh.
	 */
	private static HttpRequest withBearer(HttpRequest request, OAuth2AccessToken token) {
		HttpHeaders headers = HttpHeaders.copyOf(request.getHeaders());
		headers.setBearerAuth(token.getTokenValue());
		return new HttpRequestWrapper(request) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

}
