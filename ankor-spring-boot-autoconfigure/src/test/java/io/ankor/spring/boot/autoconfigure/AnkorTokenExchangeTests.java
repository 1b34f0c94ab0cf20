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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.AnkorTokenException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * End-to-end tests of the token exchange over real HTTP: the assertion Ankor receives,
 * the bearer token the API receives, and token reuse.
 */
class AnkorTokenExchangeTests {

	static final String COMPANY = "https://calendars.ankor.io/company/4711";

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Arguments[] keysAndGrants() {
		KeyPair rsa = TestKeys.rsa(2048);
		KeyPair rsa2 = TestKeys.rsa(3072);
		KeyPair ec = TestKeys.ec("secp256r1");
		KeyPair ec384 = TestKeys.ec("secp384r1");
		return new Arguments[] { Arguments.of("RSA PKCS#8", rsa, TestKeys.pkcs8(rsa), "RS256", "jwt-bearer"),
				Arguments.of("RSA PKCS#8", rsa, TestKeys.pkcs8(rsa), "RS256", "client-credentials"),
				Arguments.of("RSA PKCS#1", rsa2, TestKeys.pkcs1(rsa2), "RS256", "jwt-bearer"),
				Arguments.of("RSA PKCS#1", rsa2, TestKeys.pkcs1(rsa2), "RS256", "client-credentials"),
				Arguments.of("EC P-256 SEC1", ec, TestKeys.sec1(ec, TestKeys.P256), "ES256", "jwt-bearer"),
				Arguments.of("EC P-256 SEC1", ec, TestKeys.sec1(ec, TestKeys.P256), "ES256", "client-credentials"),
				Arguments.of("EC P-256 PKCS#8", ec, TestKeys.pkcs8(ec), "ES256", "jwt-bearer"),
				Arguments.of("EC P-384 PKCS#8", ec384, TestKeys.pkcs8(ec384), "ES384", "client-credentials") };
	}

	/**
	 * The kind of application context: a plain one is a non-web application.
	 * @return the context factory
	 */
	Supplier<ConfigurableApplicationContext> contextFactory() {
		return AnnotationConfigApplicationContext::new;
	}

	ApplicationContextRunner runner(String privateKey, String... properties) {
		return new ApplicationContextRunner(contextFactory())
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
					AnkorClientsAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class))
			.withPropertyValues("ankor.company-uri=" + COMPANY, "ankor.key-id=kid-42",
					"ankor.api-url=" + ankor.baseUrl(), "ankor.http.initial-backoff=10ms")
			.withPropertyValues(properties)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new org.springframework.core.env.MapPropertySource("key",
						Map.of("ankor.private-key", privateKey))));
	}

	static void stubToken(String token) {
		ankor.stubFor(post("/iam/oauth/token").willReturn(
				okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
	}

	static void stubYachts(String token) {
		ankor.stubFor(get("/website/yachts").withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(okJson("[{\"name\":\"Blue Lagoon\"}]")));
	}

	@ParameterizedTest(name = "{0}, {3}, {4}")
	@MethodSource("keysAndGrants")
	void sendsTheAssertionAnkorsGuideDescribes(String kind, KeyPair keyPair, String pem, String algorithm,
			String grantType) throws Exception {
		stubToken("token-1");
		stubYachts("token-1");
		runner(pem, "ankor.grant-type=" + grantType, "ankor.scopes=website:read:*,entity:*",
				"ankor.assertion-lifetime=2m")
			.run((context) -> {
				RestClient client = context.getBean("ankorRestClient", RestClient.class);
				assertThat(client.get().uri("/website/yachts").retrieve().body(String.class)).contains("Blue Lagoon");
				List<LoggedRequest> tokenRequests = ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")));
				assertThat(tokenRequests).hasSize(1);
				LoggedRequest request = tokenRequests.get(0);
				assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
				Map<String, String> form = form(request.getBodyAsString());
				String assertion;
				if (grantType.equals("jwt-bearer")) {
					assertThat(form).containsOnlyKeys("grant_type", "assertion");
					assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
					assertion = form.get("assertion");
				}
				else {
					assertThat(form).containsOnlyKeys("grant_type", "client_assertion_type", "client_assertion");
					assertThat(form.get("grant_type")).isEqualTo("client_credentials");
					assertThat(form.get("client_assertion_type"))
						.isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
					assertion = form.get("client_assertion");
				}
				SignedJWT jwt = SignedJWT.parse(assertion);
				JWSVerifier verifier = (keyPair.getPublic() instanceof RSAPublicKey rsa) ? new RSASSAVerifier(rsa)
						: new ECDSAVerifier((ECPublicKey) keyPair.getPublic());
				assertThat(jwt.verify(verifier)).as("signature verifies with the public key").isTrue();
				assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
				assertThat(jwt.getHeader().getKeyID()).isEqualTo("kid-42");
				assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
				Map<String, Object> claims = JSONObjectUtils
					.parse(new String(Base64URL.from(assertion.split("\\.")[1]).decode(), StandardCharsets.UTF_8));
				assertThat(claims).containsOnlyKeys("scopes", "iss", "sub", "aud", "iat", "exp");
				assertThat(claims.get("aud")).isEqualTo("ankor.io");
				assertThat(claims.get("scopes")).isEqualTo(List.of("website:read:*", "entity:*"));
				assertThat(claims.get("iss")).isEqualTo(COMPANY);
				assertThat(claims.get("sub")).isEqualTo(COMPANY);
				long iat = ((Number) claims.get("iat")).longValue();
				long exp = ((Number) claims.get("exp")).longValue();
				assertThat(exp - iat).isEqualTo(120);
				assertThat(iat).isCloseTo(System.currentTimeMillis() / 1000, within(5L));
				ankor.verify(1, getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
						equalTo("Bearer token-1")));
			});
	}

	@Test
	void everyKindOfApplicationRequestsTokensOnTheProvidersOwnThread() {
		stubToken("on-the-token-thread");
		List<String> threads = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				threads.add(Thread.currentThread().getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		runner(TestKeys.pkcs8(TestKeys.rsa(2048))).withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				assertThat(context.getBean(AnkorAccessTokenProvider.class).accessToken().block().getTokenValue())
					.isEqualTo("on-the-token-thread");
				assertThat(threads).singleElement().asString().startsWith("ankor-token-");
			});
	}

	@Test
	void signsAFreshAssertionPerTokenRequest() {
		stubToken("token-1");
		MutableClock clock = new MutableClock();
		ApplicationContextRunner runner = runner(TestKeys.pkcs8(TestKeys.rsa(2048)))
			.withBean(AnkorAutoConfiguration.CLOCK_BEAN, Clock.class, () -> clock);
		runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			tokens.invalidate(tokens.getAccessToken());
			clock.advance(Duration.ofSeconds(1));
			tokens.getAccessToken();
			List<String> assertions = ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))
				.stream()
				.map((request) -> form(request.getBodyAsString()).get("assertion"))
				.toList();
			assertThat(assertions).hasSize(2).doesNotHaveDuplicates();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jwt-bearer", "client-credentials" })
	void tokenRequestCustomizersAddParametersAndHeadersButTheGrantAndAssertionStayTheStarters(String grantType) {
		stubToken("token-1");
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		AnkorTokenRequestCustomizer resource = (account, parameters, headers) -> {
			seen.add(account + " " + parameters + " " + headers);
			parameters.add("resource", "https://api.ankor.io/website");
			headers.add("X-Ankor-Tenant", "blue-lagoon");
		};
		AnkorTokenRequestCustomizer forger = (account, parameters, headers) -> {
			parameters.set("grant_type", "password");
			parameters.set("assertion", "forged");
			parameters.set("client_assertion", "forged");
			headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
		};
		runner(TestKeys.pkcs8(TestKeys.ec("secp256r1")), "ankor.grant-type=" + grantType)
			.withBean("resource", AnkorTokenRequestCustomizer.class, () -> resource)
			.withBean("forger", AnkorTokenRequestCustomizer.class, () -> forger)
			.run((context) -> {
				context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
				LoggedRequest request = ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token"))).get(0);
				Map<String, String> form = form(request.getBodyAsString());
				assertThat(form).containsEntry("resource", "https://api.ankor.io/website");
				String assertion = grantType.equals("jwt-bearer") ? form.get("assertion") : form.get("client_assertion");
				assertThat(assertion).isNotEqualTo("forged").contains(".");
				assertThat(form.get("grant_type")).isNotEqualTo("password");
				assertThat(request.getHeader("X-Ankor-Tenant")).isEqualTo("blue-lagoon");
				assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
				// a customizer never sees the assertion
				assertThat(seen).singleElement().asString().isEqualTo("default {} []");
			});
	}

	@Test
	void webClientAndRestClientShareOneTokenAndReuseIt() {
		stubToken("token-7");
		stubYachts("token-7");
		runner(TestKeys.pkcs8(TestKeys.ec("secp256r1"))).run((context) -> {
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
			for (int i = 0; i < 3; i++) {
				assertThat(restClient.get().uri("/website/yachts").retrieve().body(String.class))
					.contains("Blue Lagoon");
				assertThat(webClient.get().uri("/website/yachts").retrieve().bodyToMono(String.class).block())
					.contains("Blue Lagoon");
			}
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			ankor.verify(6, getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
					equalTo("Bearer token-7")));
		});
	}

	@Test
	void tokenEndpointErrorReachesTheCallerWithCodeDescriptionAndStatus() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key id\"}")));
		runner(TestKeys.pkcs8(TestKeys.rsa(2048))).run((context) -> {
			RestClient client = context.getBean("ankorRestClient", RestClient.class);
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> client.get().uri("/website/yachts").retrieve().body(String.class))
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("invalid_grant");
					assertThat(ex.getError().getDescription()).isEqualTo("Unknown key id");
					assertThat(ex.getStatusCode()).isEqualTo(400);
					assertThat(ex.getMessage()).contains("HTTP 400", "invalid_grant", "Unknown key id");
				});
			WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> webClient.get().uri("/website/yachts").retrieve().bodyToMono(String.class).block())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"));
			// the refusal is remembered: the second client gets it without asking Ankor again
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			ankor.verify(0, getRequestedFor(urlEqualTo("/website/yachts")));
		});
	}

	static Map<String, String> form(String body) {
		return Arrays.stream(body.split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8), (a, b) -> b, LinkedHashMap::new));
	}

}
