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

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.ankor.spring.boot.AnkorTokenException;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive twin of {@link AnkorTokenResponseClient}: Spring Security's
 * {@link ReactiveOAuth2AccessTokenResponseClient} for the JWT-bearer grant, posting the
 * same form with a {@link WebClient} and never blocking. Retries, clock-skew correction
 * and observation come from the same {@link AnkorTokenExchange}.
 *
 * @author Ankor starter team
 */
final class AnkorReactiveTokenResponseClient implements ReactiveOAuth2AccessTokenResponseClient<JwtBearerGrantRequest> {

	private final WebClient webClient;

	private final AnkorTokenExchange exchange;

	private final AnkorTokenResponseConverter converter = new AnkorTokenResponseConverter();

	AnkorReactiveTokenResponseClient(AnkorProperties.Http http, AnkorTokenExchange exchange) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(http.getConnectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient);
		connector.setReadTimeout(http.getReadTimeout());
		this.webClient = WebClient.builder().clientConnector(connector).build();
		this.exchange = exchange;
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(JwtBearerGrantRequest grantRequest) {
		return this.exchange.exchange(grantRequest, this::send);
	}

	private Mono<OAuth2AccessTokenResponse> send(URI tokenUri, MultiValueMap<String, String> form) {
		return this.webClient.post()
			.uri(tokenUri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form))
			.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? read(response) : refuse(response))
			.onErrorMap((ex) -> !(ex instanceof AnkorTokenException), (ex) -> AnkorTokenExchange.unreachable(tokenUri, ex));
	}

	private Mono<OAuth2AccessTokenResponse> read(ClientResponse response) {
		int status = response.statusCode().value();
		return jsonObject(response).map((parameters) -> {
			try {
				return this.converter.convert(parameters);
			}
			catch (IllegalArgumentException ex) {
				throw AnkorTokenExchange.invalidResponse(status, response.headers().asHttpHeaders(),
						"an unreadable token response: " + ex.getMessage());
			}
		})
			.onErrorMap((ex) -> !(ex instanceof AnkorTokenException),
					(ex) -> AnkorTokenExchange.invalidResponse(status, response.headers().asHttpHeaders(),
							"an unreadable token response: " + AnkorTokenExchange.rootMessage(ex)))
			.switchIfEmpty(Mono.error(() -> AnkorTokenExchange.invalidResponse(status,
					response.headers().asHttpHeaders(), "an empty body")));
	}

	/**
	 * Reads a JSON object as bytes: Spring's JSON decoders log decoded values at DEBUG,
	 * which would put the access token in the log.
	 */
	private static Mono<Map<String, Object>> jsonObject(ClientResponse response) {
		return response.bodyToMono(byte[].class)
			.map((body) -> parse(new String(body, StandardCharsets.UTF_8)));
	}

	private static Map<String, Object> parse(String json) {
		try {
			return JSONObjectUtils.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("the body is not a JSON object");
		}
	}

	private Mono<OAuth2AccessTokenResponse> refuse(ClientResponse response) {
		int status = response.statusCode().value();
		boolean json = response.headers()
			.contentType()
			.map((type) -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix()))
			.orElse(false);
		Mono<OAuth2Error> error = json ? jsonObject(response)
			.filter((body) -> body.get("error") instanceof String)
			.map((body) -> new OAuth2Error((String) body.get("error"), (String) body.get("error_description"),
					(String) body.get("error_uri")))
			.onErrorResume((ex) -> Mono.empty()) : response.releaseBody().then(Mono.empty());
		return error.map((oauthError) -> AnkorTokenExchange.refusal(status, response.headers().asHttpHeaders(),
				oauthError))
			.switchIfEmpty(Mono.fromSupplier(
					() -> AnkorTokenExchange.refusal(status, response.headers().asHttpHeaders(), null)))
			.flatMap(Mono::error);
	}

}
