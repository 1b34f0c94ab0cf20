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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real {@link SpringApplication}s: the startup check, the startup log line, and no secret
 * in any log line even at TRACE.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorStartupAndLoggingTests {

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.rsa(2048));

	@BeforeEach
	void stubAnkor() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(
				okJson("{\"access_token\":\"secret-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
	}

	@Test
	void noCallToAnkorAtStartupByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			ankor.verify(0, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		}
		assertThat(output.getAll()).contains("Ankor: company URI https://calendars.ankor.io/company/1, key id kid-1, "
				+ "algorithm RS256, token URI " + ankor.baseUrl() + "/iam/oauth/token, grant type jwt-bearer");
	}

	@Test
	void verifyOnStartupFetchesOneToken() {
		try (ConfigurableApplicationContext context = run("--ankor.verify-on-startup=true")) {
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			context.getBean("ankorRestClient", RestClient.class).get().uri("/website/yachts").retrieve()
				.toBodilessEntity();
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		}
	}

	@Test
	void verifyOnStartupStopsStartupWithAnkorsError(CapturedOutput output) {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key id\"}")));
		assertThatException().isThrownBy(() -> run("--ankor.verify-on-startup=true"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"Ankor did not issue a token at startup (ankor.verify-on-startup=true): Ankor token request failed "
						+ "with HTTP 400: invalid_grant (Unknown key id).",
				"Check that 'ankor.company-uri', 'ankor.key-id' and 'ankor.private-key'");
		AnkorKeysTests.assertNoKeyMaterial(output.getAll(), PRIVATE_KEY);
	}

	@Test
	void verifyOnStartupOfAFurtherAccountNamesItsProperties(CapturedOutput output) {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key id\"}")));
		String acmeKey = TestKeys.pkcs8(TestKeys.rsa(2048));
		assertThatException().isThrownBy(() -> run("--ankor.accounts.acme.key-id=kid-acme",
				"--ankor.accounts.acme.private-key=" + acmeKey, "--ankor.accounts.acme.verify-on-startup=true"));
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"Ankor did not issue a token at startup for account 'acme' "
						+ "(ankor.accounts.acme.verify-on-startup=true): Ankor token request failed with HTTP 400: "
						+ "invalid_grant (Unknown key id).",
				"Check that 'ankor.accounts.acme.company-uri', 'ankor.accounts.acme.key-id' and "
						+ "'ankor.accounts.acme.private-key'",
				"What the account leaves unset comes from 'ankor.*'.");
		AnkorKeysTests.assertNoKeyMaterial(output.getAll(), acmeKey);
	}

	@Test
	void aCompanyUriThatIsNotHttpsIsNamedAtStartup(CapturedOutput output) {
		String acmeKey = TestKeys.pkcs8(TestKeys.rsa(2048));
		try (ConfigurableApplicationContext context = run("--ankor.company-uri=http://calendars.ankor.io/company/1",
				"--ankor.accounts.acme.company-uri=http://calendars.ankor.io/company/2",
				"--ankor.accounts.acme.key-id=kid-acme", "--ankor.accounts.acme.private-key=" + acmeKey)) {
			assertThat(output.getAll()).contains("WARN")
				.contains("'ankor.company-uri' is 'http://calendars.ankor.io/company/1', which does not begin with "
						+ "'https://' as Ankor's Company URLs do (Settings > Company Details)")
				.contains("'ankor.accounts.acme.company-uri' is 'http://calendars.ankor.io/company/2'");
		}
	}

	@Test
	void anHttpsCompanyUriIsNotWarnedAbout(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			assertThat(output.getAll()).doesNotContain("does not begin with 'https://'");
		}
	}

	@Test
	void aRefusalOfTheIssuerSaysToCompareTheCompanyUri(CapturedOutput output) {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"claim 'iss' must be the company URI "
					+ "registered for this kid\"}")));
		try (ConfigurableApplicationContext context = run()) {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("invalid_grant");
					assertThat(ex.getMessage()).contains("claim 'iss' must be the company URI")
						.contains("Compare 'ankor.company-uri' with the Company URL in Ankor (Settings > Company "
								+ "Details): they must match character for character");
				});
		}
	}

	@Test
	void otherRefusalsGetNoHintAboutTheCompanyUri() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key id\"}")));
		try (ConfigurableApplicationContext context = run()) {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> assertThat(ex.getHint()).isNull());
		}
	}

	@Test
	void verifyOnStartupNamesTheUrlWhenThereIsNoTokenEndpoint(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--ankor.verify-on-startup=true",
				"--ankor.token-uri=" + ankor.baseUrl() + "/iam/oauth/tokens"));
		assertThat(output.getAll()).contains("answered HTTP 404",
				"Check that 'ankor.api-url' (or 'ankor.token-uri') is right: Ankor's token endpoint is "
						+ "POST /iam/oauth/token")
			.doesNotContain("Check that 'ankor.company-uri'");
	}

	@Test
	void verifyOnStartupNamesTheUrlWhenAnkorCannotBeReached(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("--ankor.verify-on-startup=true", "--ankor.http.retry-budget=0s",
				"--ankor.token-uri=http://127.0.0.1:1/iam/oauth/token"));
		assertThat(output.getAll()).contains("Check that 'ankor.api-url' (or 'ankor.token-uri') is right");
	}

	@Test
	void noSecretInAnyLogLineEvenAtTrace(CapturedOutput output) {
		stubTokensThenRefusal();
		try (ConfigurableApplicationContext context = run("--logging.level.root=trace",
				"--ankor.grant-type=client-credentials")) {
			driveTokenFlows(context);
		}
		assertNoSecretIn(output.getAll());
	}

	@Test
	void noSecretInAnyLogLineEvenAtTraceInAReactiveApplication(CapturedOutput output) {
		stubTokensThenRefusal();
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.TRACE);
		try {
			AnkorTestProperties.withRequiredProperties(new ReactiveWebApplicationContextRunner(), ankor.baseUrl(),
					PRIVATE_KEY)
				.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class,
						AnkorTokenAutoConfiguration.class, AnkorClientsAutoConfiguration.class,
						RestClientAutoConfiguration.class, WebClientAutoConfiguration.class))
				.withPropertyValues("ankor.grant-type=client-credentials", "ankor.http.initial-backoff=10ms")
				.run((context) -> {
					driveTokenFlows(context);
				});
		}
		finally {
			logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		}
		assertNoSecretIn(output.getAll());
	}

	private void stubTokensThenRefusal() {
		ankor.stubFor(get("/website/yachts").withHeader("Authorization", equalTo("Bearer secret-token-1"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));
		ankor.stubFor(post("/iam/oauth/token").inScenario("tokens")
			.whenScenarioStateIs("Started")
			.willReturn(okJson("{\"access_token\":\"secret-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
			.willSetStateTo("second"));
		ankor.stubFor(post("/iam/oauth/token").inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(okJson("{\"access_token\":\"secret-token-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
			.willSetStateTo("refusing"));
		ankor.stubFor(post("/iam/oauth/token").inScenario("tokens")
			.whenScenarioStateIs("refusing")
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\"}")));
	}

	/** The first token, a 401 and a renewal with the second token, then a refusal. */
	private static void driveTokenFlows(ApplicationContext context) {
		RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
		WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
		webClient.get().uri("/website/yachts").retrieve().toBodilessEntity().block();
		restClient.get().uri("/website/yachts").retrieve().toBodilessEntity();
		AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
		tokens.invalidate(tokens.getAccessToken());
		assertThatExceptionOfType(AnkorTokenException.class)
			.isThrownBy(() -> restClient.get().uri("/website/yachts").retrieve().toBodilessEntity());
	}

	private static void assertNoSecretIn(String log) {
		List<String> assertions = new ArrayList<>();
		for (LoggedRequest request : ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))) {
			assertions.add(AnkorTokenExchangeTests.form(request.getBodyAsString()).get("client_assertion"));
		}
		assertThat(assertions).hasSize(3);
		assertThat(log).contains("TRACE", "Ankor token request");
		assertThat(log).doesNotContain("secret-token-1", "secret-token-2");
		for (String assertion : assertions) {
			assertThat(log).doesNotContain(assertion.substring(assertion.lastIndexOf('.') + 1))
				.doesNotContain(assertion.substring(0, assertion.lastIndexOf('.')));
		}
		AnkorKeysTests.assertNoKeyMaterial(log, PRIVATE_KEY);
	}

	private ConfigurableApplicationContext run(String... args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ankor.company-uri", "https://calendars.ankor.io/company/1");
		properties.put("ankor.key-id", "kid-1");
		properties.put("ankor.private-key", PRIVATE_KEY);
		properties.put("ankor.api-url", ankor.baseUrl());
		properties.put("ankor.http.initial-backoff", "10ms");
		properties.put("spring.main.banner-mode", "off");
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
			AnkorClientsAutoConfiguration.class, AnkorAccountsAutoConfiguration.class,
			AnkorObservabilityAutoConfiguration.class,
			RestClientAutoConfiguration.class, WebClientAutoConfiguration.class })
	static class Application {

	}

}
