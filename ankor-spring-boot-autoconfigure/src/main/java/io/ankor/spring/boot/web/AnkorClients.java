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

import java.net.URI;
import java.util.stream.Stream;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorWebClientCustomizer;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes an account's clients: a clone of Spring Boot's builder, with the account's base
 * URL, the application's Ankor customizers in order, and the token innermost, sent only
 * to the API's origin. Each method touches only its own client's classes, so that an
 * application with one of the two has no need of the other.
 *
 * @author Ankor starter team
 */
public final class AnkorClients {

	private AnkorClients() {
	}

	/**
	 * An account's {@link WebClient}.
	 * @param builder a builder of the application's (cloned here), or a new one
	 * @param apiUrl the account's API URL
	 * @param tokens the account's tokens
	 * @param customizers the application's customizers, in order
	 * @return the client
	 */
	public static WebClient webClient(WebClient.Builder builder, String apiUrl, AnkorAccessTokenProvider tokens,
			Stream<AnkorWebClientCustomizer> customizers) {
		WebClient.Builder clone = builder.clone().baseUrl(apiUrl);
		customizers.forEach((customizer) -> customizer.customize(clone));
		return clone.filter(filter(tokens, apiUrl)).build();
	}

	/**
	 * An account's {@link RestClient}.
	 * @param builder a builder of the application's (cloned here), or a new one
	 * @param apiUrl the account's API URL
	 * @param tokens the account's tokens
	 * @param customizers the application's customizers, in order
	 * @return the client
	 */
	public static RestClient restClient(RestClient.Builder builder, String apiUrl, AnkorAccessTokenProvider tokens,
			Stream<AnkorRestClientCustomizer> customizers) {
		RestClient.Builder clone = builder.clone().baseUrl(apiUrl);
		customizers.forEach((customizer) -> customizer.customize(clone));
		return clone.requestInterceptor(interceptor(tokens, apiUrl)).build();
	}

	/**
	 * The filter that adds an account's token to a {@code WebClient}'s requests to the
	 * API's origin, and replays a request once after a 401; for clients the starter does
	 * not build, such as an HTTP service group's.
	 * @param tokens the account's tokens
	 * @param apiUrl the account's API URL
	 * @return the filter
	 */
	public static ExchangeFilterFunction filter(AnkorAccessTokenProvider tokens, String apiUrl) {
		return new AnkorBearerExchangeFilterFunction(tokens, origin(apiUrl));
	}

	/**
	 * The interceptor that does the same for a {@code RestClient}.
	 * @param tokens the account's tokens
	 * @param apiUrl the account's API URL
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor interceptor(AnkorAccessTokenProvider tokens, String apiUrl) {
		return new AnkorBearerTokenInterceptor(tokens, origin(apiUrl));
	}

	private static AnkorOrigin origin(String apiUrl) {
		return AnkorOrigin.of(URI.create(apiUrl));
	}

}
