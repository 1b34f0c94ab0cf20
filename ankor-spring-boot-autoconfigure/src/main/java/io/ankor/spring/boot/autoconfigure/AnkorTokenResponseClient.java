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
package io.ankor.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

import io.ankor.spring.boot.AnkorTokenException;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * Exchanges an assertion for an access token at Ankor's token endpoint with a
 * {@link RestClient}, blocking: Spring Security's
 * {@link OAuth2AccessTokenResponseClient} for the JWT-bearer grant, as a JWT-bearer grant
 * (RFC 7523 section 2.1) or as {@code client_credentials} with a
 * {@code client_assertion} (section 2.2). Retries, clock-skew correction and observation
 * come from {@link AnkorTokenExchange}; token responses are read by Spring Security's
 * converter with the {@link AnkorTokenResponseConverter}.
 *
 * @author Ankor starter team
 */
final class AnkorTokenResponseClient implements OAuth2AccessTokenResponseClient<JwtBearerGrantRequest> {

	private final RestClient restClient;

	private final AnkorTokenExchange exchange;

	AnkorTokenResponseClient(AnkorProperties.Http http, AnkorTokenExchange exchange) {
		this.restClient = restClient(http);
		this.exchange = exchange;
	}

	private static RestClient restClient(AnkorProperties.Http http) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(http.getConnectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(http.getReadTimeout());
		OAuth2AccessTokenResponseHttpMessageConverter tokenConverter = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokenConverter.setAccessTokenResponseConverter(new AnkorTokenResponseConverter());
		return RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(tokenConverter)
				.addCustomConverter(new OAuth2ErrorHttpMessageConverter()))
			.build();
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(JwtBearerGrantRequest grantRequest) {
		return this.exchange.exchange(grantRequest, (tokenUri, form) -> Mono.fromCallable(() -> send(tokenUri, form)))
			.block();
	}

	private OAuth2AccessTokenResponse send(URI tokenUri, MultiValueMap<String, String> form) {
		try {
			return this.restClient.post()
				.uri(tokenUri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> {
					if (response.getStatusCode().is2xxSuccessful()) {
						return read(response);
					}
					throw AnkorTokenExchange.refusal(response.getStatusCode().value(), response.getHeaders(),
							error(response));
				}, true);
		}
		catch (AnkorTokenException ex) {
			throw ex;
		}
		catch (RestClientException ex) {
			throw AnkorTokenExchange.unreachable(tokenUri, ex);
		}
	}

	private static OAuth2AccessTokenResponse read(ConvertibleClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		try {
			OAuth2AccessTokenResponse tokenResponse = response.bodyTo(OAuth2AccessTokenResponse.class);
			if (tokenResponse != null) {
				return tokenResponse;
			}
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw AnkorTokenExchange.invalidResponse(status, response.getHeaders(),
					"an unreadable token response: " + AnkorTokenExchange.rootMessage(ex));
		}
		throw AnkorTokenExchange.invalidResponse(status, response.getHeaders(), "an empty body");
	}

	private static OAuth2Error error(ConvertibleClientHttpResponse response) {
		MediaType contentType = response.getHeaders().getContentType();
		if (contentType == null || !(contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| "json".equals(contentType.getSubtypeSuffix()))) {
			return null;
		}
		try {
			return response.bodyTo(OAuth2Error.class);
		}
		catch (RestClientException | IllegalArgumentException ex) {
			return null;
		}
	}

}
