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

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
	void stubYachts() {
		this.ankor.stubFor(get("/website/yachts/7").willReturn(okJson("{\"name\":\"Blue Lagoon\",\"cabins\":4}")));
		this.ankor.clearTokenRequests();
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
		assertThat(this.ankor.getTokenRequests()).filteredOn(TokenRequest::isSuccessful).hasSizeLessThanOrEqualTo(1);
		assertThat(this.ankor.getIssuedTokens()).isNotEmpty();
	}

	@Test
	void theLastAssertionFollowsAnkorsGuide() {
		this.ankor.revokeAll();
		this.restClient.get().uri("/website/yachts/7").retrieve().toBodilessEntity();
		TokenRequest request = this.ankor.getLastTokenRequest().orElseThrow();
		assertThat(request.isSuccessful()).isTrue();
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
	}

	@SpringBootApplication
	static class Application {

	}

}
