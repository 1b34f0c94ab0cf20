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

import org.springframework.web.client.RestClient;
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
		return clone.filter(new AnkorBearerExchangeFilterFunction(tokens, origin(apiUrl))).build();
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
		return clone.requestInterceptor(new AnkorBearerTokenInterceptor(tokens, origin(apiUrl))).build();
	}

	/**
	 * The origin the token may be sent to.
	 * @param apiUrl the account's API URL
	 * @return its origin
	 */
	public static AnkorOrigin origin(String apiUrl) {
		return AnkorOrigin.of(URI.create(apiUrl));
	}

}
