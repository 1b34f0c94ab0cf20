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


import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.actuate.AnkorTokenMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Health, observations, meters and Actuator sanitizing.
 */
class AnkorObservabilityTests {

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final ApplicationContextRunner runner = AnkorTestProperties
		.withRequiredProperties(new ApplicationContextRunner(), ankor.baseUrl(), PRIVATE_KEY)
		.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
				AnkorClientsAutoConfiguration.class, AnkorObservabilityAutoConfiguration.class,
				RestClientAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> this.observations)
		.withPropertyValues("ankor.http.initial-backoff=10ms");

	@BeforeEach
	void stubAnkor() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(okJson(
				"{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"website:read:*\"}")));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
	}

	@Test
	void healthIsUnknownUntilFirstUseAndNeverCallsAnkor() {
		this.runner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			health(context);
			ankor.verify(0, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void healthIsUpWithRemainingLifetimeAndScopesButNeverTheToken() {
		this.runner.run((context) -> {
			context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(((Number) health.getDetails().get("expiresInSeconds")).longValue()).isCloseTo(3600L,
					within(5L));
			assertThat(health.getDetails().get("scopes").toString()).contains("website:read:*");
			assertThat(health.toString()).doesNotContain("t-1");
		});
	}

	@Test
	void healthIsDownWithTheLastOAuthErrorOnceNoTokenCanBeHad() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key\"}")));
		this.runner.run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken());
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "invalid_grant").containsKey("errorAt");
		});
	}

	@Test
	void healthFetchesOnceWhenAskedTo() {
		this.runner.withPropertyValues("ankor.health.initial-fetch=true").run((context) -> {
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			health(context);
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void healthIndicatorCanBeSwitchedOffOrBeAbsent() {
		this.runner.withPropertyValues("management.health.ankor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("ankorHealthContributor"));
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("ankorHealthContributor"));
	}

	@Test
	void worksWithoutActuatorAndMicrometer() {
		this.runner
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class, SanitizingFunction.class,
					io.micrometer.core.instrument.binder.MeterBinder.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("ankorHealthContributor")
					.doesNotHaveBean(AnkorTokenMetrics.class)
					.doesNotHaveBean("ankorPrivateKeySanitizingFunction");
				context.getBean("ankorRestClient", RestClient.class).get().uri("/website/yachts").retrieve()
					.toBodilessEntity();
			});
	}

	@Test
	void observesEachTokenRequestWithItsOutcomeGrantTypeAndAttempts() {
		ankor.stubFor(post("/iam/oauth/token").inScenario("flaky")
			.whenScenarioStateIs("Started")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		ankor.stubFor(post("/iam/oauth/token").inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"access_token\":\"t-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		this.runner.withPropertyValues("ankor.grant-type=client-credentials").run((context) -> {
			context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			assertThat(this.observations).hasObservationWithNameEqualTo("ankor.token.request")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("grant.type", "client-credentials")
				.hasLowCardinalityKeyValue("error", "none")
				.hasLowCardinalityKeyValue("attempts", "2");
		});
	}

	@Test
	void observesFailedTokenRequestsWithTheirErrorCode() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\"}")));
		this.runner.run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken());
			assertThat(this.observations).hasObservationWithNameEqualTo("ankor.token.request")
				.that()
				.hasLowCardinalityKeyValue("outcome", "failure")
				.hasLowCardinalityKeyValue("error", "invalid_grant")
				.hasLowCardinalityKeyValue("attempts", "1")
				.assertThatError()
				.isInstanceOf(AnkorTokenException.class);
		});
	}

	@Test
	void anErrorCodeOutsideTheKnownSetIsTaggedOtherAndAttemptsAreBucketed() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"quota_exceeded_for_tenant_abc\"}")));
		this.runner.run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("quota_exceeded_for_tenant_abc"));
			assertThat(this.observations).hasObservationWithNameEqualTo("ankor.token.request")
				.that()
				.hasLowCardinalityKeyValue("error", "other")
				.hasLowCardinalityKeyValue("attempts", "1");
		});
	}

	@Test
	void manyAttemptsAreOneBucket() {
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withStatus(503)));
		// backoffs of 1, 2, 4, ... 256 ms (at most) leave room for ten attempts in the budget
		this.runner.withPropertyValues("ankor.http.initial-backoff=1ms", "ankor.http.retry-budget=5s")
			.run((context) -> {
				assertThatExceptionOfType(AnkorTokenException.class)
					.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken());
				assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).hasSizeGreaterThan(9);
				assertThat(this.observations).hasObservationWithNameEqualTo("ankor.token.request")
					.that()
					.hasLowCardinalityKeyValue("error", "server_error")
					.hasLowCardinalityKeyValue("attempts", "10+");
			});
	}

	@Test
	void metersExpiryAndUnauthorizedRenewals() {
		ankor.stubFor(get("/website/yachts").withHeader("Authorization", equalTo("Bearer t-1"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));
		this.runner.run((context) -> {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			context.getBean(AnkorTokenMetrics.class).bindTo(meters);
			assertThat(meters.get("ankor.token.expiry").gauge().value()).isZero();
			ankor.stubFor(post("/iam/oauth/token").inScenario("renew")
				.whenScenarioStateIs("Started")
				.willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"))
				.willSetStateTo("second"));
			ankor.stubFor(post("/iam/oauth/token").inScenario("renew")
				.whenScenarioStateIs("second")
				.willReturn(okJson("{\"access_token\":\"t-2\",\"token_type\":\"Bearer\",\"expires_in\":1800}")));
			context.getBean("ankorRestClient", RestClient.class).get().uri("/website/yachts").retrieve()
				.toBodilessEntity();
			assertThat(meters.get("ankor.token.expiry").gauge().value()).isCloseTo(1800, within(5.0));
			assertThat(meters.get("ankor.token.unauthorized.renewals").functionCounter().count()).isEqualTo(1);
		});
	}

	@Test
	void sanitizesPrivateKeysHoweverTheyAreNamed() {
		this.runner.run((context) -> {
			SanitizingFunction function = context.getBean("ankorPrivateKeySanitizingFunction",
					SanitizingFunction.class);
			for (String key : new String[] { "ankor.private-key", "ANKOR_PRIVATE_KEY", "privateKey" }) {
				assertThat(function.applyUnlessFiltered(new SanitizableData(null, key, "x")).getValue())
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "SOMETHING", PRIVATE_KEY)).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "ankor.key-id", "kid-1")).getValue())
				.isEqualTo("kid-1");
		});
	}

	@Test
	void sanitizesPrivateKeysEvenWhenTheStarterIsOff() {
		this.runner.withPropertyValues("ankor.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean("ankorHealthContributor")
				.doesNotHaveBean(AnkorAccessTokenProvider.class);
			SanitizingFunction function = context.getBean("ankorPrivateKeySanitizingFunction",
					SanitizingFunction.class);
			assertThat(function.applyUnlessFiltered(new SanitizableData(null, "ANKOR_PRIVATE_KEY", "x")).getValue())
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		});
	}

	private static Health health(org.springframework.context.ApplicationContext context) {
		return context.getBean("ankorHealthContributor", HealthIndicator.class).health();
	}

}
