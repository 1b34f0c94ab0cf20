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
package io.ankor.spring.boot.test;

import java.util.List;
import java.util.Map;

import io.ankor.spring.boot.AnkorTokenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code @SpringBootTest} with {@link AutoConfigureAnkorSimulator}: the starter's
 * clients work with zero configuration, against the strict simulator.
 */
@SpringBootTest(classes = AutoConfigureAnkorSimulatorTests.Application.class)
@AutoConfigureAnkorSimulator
class AutoConfigureAnkorSimulatorTests {

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	@Qualifier("ankorWebClient")
	WebClient webClient;

	@Autowired
	@Qualifier("ankorRestClient")
	RestClient restClient;

	@BeforeEach
	void resetAndStubYachts() {
		// the context, and its simulator, is cached: forget the requests and tokens of
		// earlier tests, so that what a test counts is its own
		this.ankor.reset();
		this.ankor.stubFor(get("/website/yachts/7").willReturn(okJson("{\"name\":\"Blue Lagoon\",\"cabins\":4}")));
	}

	@Test
	void clientsCallTheSimulatedApiWithAnIssuedToken() {
		Map<String, Object> yacht = this.webClient.get()
			.uri("/website/yachts/7")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block();
		assertThat(yacht).containsEntry("name", "Blue Lagoon").containsEntry("cabins", 4);
		assertThat(this.restClient.get().uri("/website/yachts/7").retrieve().body(String.class))
			.contains("Blue Lagoon");
		List<IssuedToken> issued = this.ankor.getIssuedTokens();
		assertThat(issued).hasSize(1);
		assertThat(this.ankor.getTokenRequests()).singleElement()
			.extracting(TokenRequest::issuedToken)
			.isEqualTo(issued.get(0).value());
		// one call of each client, both with exactly the token issued in this test
		this.ankor.getWireMock()
			.verify(2, getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					equalTo("Bearer " + issued.get(0).value())));
	}

	@Test
	void theLastAssertionFollowsAnkorsGuide() {
		this.ankor.revokeAll();
		this.restClient.get().uri("/website/yachts/7").retrieve().toBodilessEntity();
		List<TokenRequest> requests = this.ankor.getTokenRequests();
		assertThat(requests).hasSize(1);
		TokenRequest request = requests.get(0);
		assertThat(request.isSuccessful()).isTrue();
		this.ankor.getWireMock()
			.verify(1, getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					equalTo("Bearer " + request.issuedToken())));
		assertThat(request.header()).containsEntry("alg", "ES256")
			.containsEntry("typ", "JWT")
			.containsEntry("kid", this.ankor.getCredentials().getKeyId());
		assertThat(request.claims()).containsOnlyKeys("scopes", "iss", "sub", "aud", "iat", "exp")
			.containsEntry("aud", "ankor.io")
			.containsEntry("iss", this.ankor.getCredentials().getCompanyUri());
	}

	@Test
	void refusedCredentialsReachTheCaller() {
		this.ankor.revokeAll();
		this.ankor.failTokenEndpoint(1, TokenEndpointFault.oauthError(400, "invalid_grant", "Key revoked in Ankor"));
		assertThatExceptionOfType(AnkorTokenException.class)
			.isThrownBy(() -> this.restClient.get().uri("/website/yachts/7").retrieve().toBodilessEntity())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.ankor.getTokenRequests()).extracting(TokenRequest::status).containsExactly(400);
		assertThat(this.ankor.getIssuedTokens()).isEmpty();
	}

	@SpringBootApplication
	static class Application {

	}

}
