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
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorClientRegistrations;
import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.ankor.spring.boot.accounts.AccountSettings;
import io.ankor.spring.boot.accounts.AnkorAccountRegistry;
import io.ankor.spring.boot.accounts.DefaultAccountCredentials;
import io.ankor.spring.boot.actuate.AnkorHealthIndicator;
import io.ankor.spring.boot.actuate.AnkorTokenMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several accounts in one application, and credentials rotated without a restart, over
 * real HTTP: the token endpoint names each token after the Key ID of the assertion it
 * was issued for, and refuses the Key IDs a test says Ankor does not know.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorAccountsTests {

	static final TokenEndpointStub tokenEndpoint = new TokenEndpointStub();

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(tokenEndpoint))
		.build();

	private static final KeyPair DEFAULT_KEY = TestKeys.ec("secp256r1");

	private static final KeyPair ACME_KEY = TestKeys.ec("secp256r1");

	private static final KeyPair ROTATED_KEY = TestKeys.ec("secp256r1");

	private static final String ACME_COMPANY = "https://calendars.ankor.io/company/2";

	private final AtomicInteger issued = new AtomicInteger();

	private final Set<String> unknownKeyIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		tokenEndpoint.reset(new MutableClock());
		tokenEndpoint.intercept((form) -> {
			String assertion = form.get("assertion");
			String keyId = String.valueOf(header(assertion).get("kid"));
			if (this.unknownKeyIds.contains(keyId)) {
				return TokenEndpointStub.invalidGrant();
			}
			return okJson("{\"access_token\":\"" + keyId + "-token-" + this.issued.incrementAndGet()
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
		});
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withTransformers(TokenEndpointStub.NAME)));
		ankor.stubFor(get("/website/yachts/7").willReturn(okJson("{\"name\":\"Blue Lagoon\"}")));
		this.runner = AnkorTestProperties
			.withRequiredProperties(new ApplicationContextRunner(), ankor.baseUrl(), TestKeys.pkcs8(DEFAULT_KEY))
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
					AnkorClientsAutoConfiguration.class, AnkorAccountsAutoConfiguration.class,
					AnkorObservabilityAutoConfiguration.class,
					org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration.class,
					org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration.class,
					org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration.class,
					org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration.class))
			.withPropertyValues("ankor.http.initial-backoff=20ms", "ankor.http.retry-budget=0s");
	}

	private ApplicationContextRunner withAcme(String... extraProperties) {
		return withAcme(this.runner, extraProperties);
	}

	private static ApplicationContextRunner withAcme(ApplicationContextRunner runner, String... extraProperties) {
		Map<String, Object> acme = new LinkedHashMap<>();
		acme.put("ankor.accounts.acme.company-uri", ACME_COMPANY);
		acme.put("ankor.accounts.acme.key-id", "kid-acme");
		acme.put("ankor.accounts.acme.private-key", TestKeys.pkcs8(ACME_KEY));
		acme.put("ankor.accounts.acme.scopes", "entity:*");
		for (String property : extraProperties) {
			acme.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
		}
		return runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("acme", acme)));
	}

	@Test
	void eachAccountSignsWithItsOwnKeyAndSendsItsOwnToken() {
		withAcme().run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			assertThat(accounts.getNames()).containsExactly("default", "acme");
			assertThat(accounts.getRestClient("default")).isSameAs(context.getBean("ankorRestClient"));
			assertThat(accounts.getTokenProvider("default"))
				.isSameAs(context.getBean(io.ankor.spring.boot.AnkorAccessTokenProvider.class));
			assertThat(accounts.getRestClient("acme").get().uri("/website/yachts/7").retrieve().body(String.class))
				.contains("Blue Lagoon");
			assertThat(accounts.getWebClient("default").get().uri("/website/yachts/7").retrieve()
				.bodyToMono(String.class).block(Duration.ofSeconds(10))).contains("Blue Lagoon");
			ankor.verify(1, getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					WireMock.matching("Bearer kid-acme-token-\\d+")));
			ankor.verify(1, getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					WireMock.matching("Bearer kid-1-token-\\d+")));
			List<Map<String, Object>> claims = assertionClaims();
			assertThat(claims).anySatisfy((acme) -> {
				assertThat(acme).containsEntry("iss", ACME_COMPANY).containsEntry("sub", ACME_COMPANY);
				assertThat(acme.get("scopes")).isEqualTo(List.of("entity:*"));
			});
			assertThat(claims).anySatisfy((main) -> {
				assertThat(main).containsEntry("iss", AnkorTestProperties.COMPANY_URI);
				assertThat(main.get("scopes")).isEqualTo(List.of("website:read:*"));
			});
		});
	}

	@Test
	void anAccountInheritsEveryOtherSettingButItsKey() {
		withAcme("ankor.audience=ankor.example", "ankor.accounts.acme.assertion-lifetime=2m").run((context) -> {
			context.getBean(AnkorAccounts.class).getTokenProvider("acme").getAccessToken();
			Map<String, Object> claims = assertionClaims().get(0);
			assertThat(claims).containsEntry("aud", "ankor.example");
			assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
				.isEqualTo(120);
		});
	}

	@Test
	void eachAccountHasAnHttpServiceGroup() {
		withAcme().withUserConfiguration(AcmeServices.class).run((context) -> {
			assertThat(context.getBean(YachtApi.class).yacht("7")).contains("Blue Lagoon");
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					WireMock.matching("Bearer kid-acme-token-\\d+")));
		});
	}

	@Test
	void anUnknownAccountIsNamedWithTheKnownOnes() {
		withAcme().run((context) -> assertThat(context.getBean(AnkorAccounts.class))
			.satisfies((accounts) -> assertThat(
					org.assertj.core.api.Assertions.catchThrowable(() -> accounts.getRestClient("acne")))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("No Ankor account 'acne'")
				.hasMessageContaining("[default, acme]")));
	}

	@Test
	void everyAccountProblemIsReportedInOneFailure() {
		Map<String, Object> broken = new LinkedHashMap<>();
		broken.put("ankor.accounts.acme.company-uri", ACME_COMPANY);
		broken.put("ankor.accounts.acme.key-id", "kid-acme");
		broken.put("ankor.accounts.Bad_Name.key-id", "kid-x");
		broken.put("ankor.accounts.nokey.company-uri", ACME_COMPANY);
		broken.put("ankor.accounts.twin.key-id", "kid-1");
		broken.put("ankor.accounts.twin.private-key", TestKeys.pkcs8(DEFAULT_KEY));
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("broken", broken))).run((context) -> {
				assertThat(context).hasFailed();
				AnkorConfigurationException failure = rootCause(context);
				List<String> properties = new java.util.ArrayList<>();
				properties.add(failure.getProperty());
				for (Throwable suppressed : failure.getSuppressed()) {
					properties.add(((AnkorConfigurationException) suppressed).getProperty());
				}
				assertThat(properties).contains("ankor.accounts.Bad_Name", "ankor.accounts.acme.private-key",
						"ankor.accounts.nokey.key-id", "ankor.accounts.nokey.private-key", "ankor.accounts.twin.key-id")
					.doesNotHaveDuplicates();
				assertThat(failure.getSuppressed()).anySatisfy((twin) -> assertThat(twin.getMessage())
					.contains("account 'default' ('ankor.key-id') uses too"));
			});
	}

	@Test
	void anAccountWithSeveralProblemsNamesEachOnce() {
		this.runner.withPropertyValues("ankor.accounts.nokey.company-uri=" + ACME_COMPANY).run((context) -> {
			AnkorConfigurationException failure = rootCause(context);
			assertThat(AnkorPropertiesValidator.problems(failure)).extracting(AnkorConfigurationException::getProperty)
				.containsExactly("ankor.accounts.nokey.key-id", "ankor.accounts.nokey.private-key");
		});
	}

	@Test
	void aBadKeyOfAnAccountNamesItsProperty() {
		withAcme("ankor.accounts.acme.private-key=-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context).getProperty()).isEqualTo("ankor.accounts.acme.private-key");
			});
	}

	@Test
	void metersObservationsAndHealthNameEachAccount() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		withAcme().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
			.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				accounts.getTokenProvider("acme").getAccessToken();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean(AnkorTokenMetrics.class).bindTo(meters);
				assertThat(meters.get(AnkorTokenMetrics.EXPIRY).tag("account", "acme").gauge().value())
					.isGreaterThan(3000);
				assertThat(meters.get(AnkorTokenMetrics.EXPIRY).tag("account", "default").gauge().value()).isZero();
				TestObservationRegistryAssert.assertThat(observations)
					.hasObservationWithNameEqualTo("ankor.token.request")
					.that()
					.hasLowCardinalityKeyValue("account", "acme");
				CompositeHealthContributor health = context.getBean("ankorHealthContributor",
						CompositeHealthContributor.class);
				assertThat(((AnkorHealthIndicator) health.getContributor("acme")).health(true).getDetails())
					.containsKey("expiresInSeconds");
				assertThat(((AnkorHealthIndicator) health.getContributor("default")).health(true).getStatus()
					.getCode()).isEqualTo("UNKNOWN");
			});
	}

	@Test
	void oneAccountKeepsItsMetersAndHealthWithoutAnAccountTag() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(AnkorTokenMetrics.class).bindTo(meters);
			assertThat(meters.get(AnkorTokenMetrics.EXPIRY).gauge().getId().getTags()).isEmpty();
			assertThat(context).hasSingleBean(AnkorHealthIndicator.class)
				.doesNotHaveBean(CompositeHealthContributor.class);
			assertThat(context.getBean("ankorHealthContributor")).isInstanceOf(AnkorHealthIndicator.class);
		});
	}

	@Test
	void aChangedEnvironmentSwitchesToTheNewKeyOnceAnkorIssuedAToken(CapturedOutput output) {
		withAcme().run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			String before = accounts.getTokenProvider("default").getAccessToken().getTokenValue();
			assertThat(before).startsWith("kid-1-token-");
			rotate(context, "ankor", "kid-2", TestKeys.pkcs8(ROTATED_KEY));
			// the switch runs on the starter's own thread: the event's publisher does not wait for Ankor
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("Ankor account 'default' switched"));
			String after = accounts.getTokenProvider("default").getAccessToken().getTokenValue();
			assertThat(after).startsWith("kid-2-token-");
			assertThat(accounts.getRestClient("default").get().uri("/website/yachts/7").retrieve().body(String.class))
				.contains("Blue Lagoon");
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					equalTo("Bearer " + after)));
			assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue()).startsWith("kid-acme-");
			assertThat(output).contains("Ankor account 'default' switched from key id kid-1 to key id kid-2");
			assertThat(output).doesNotContain("BEGIN");
		});
	}

	@Test
	void callersOfTheOldKeysRequestGetTheNewKeysTokenAfterTheSwitch(CapturedOutput output) throws Exception {
		CountDownLatch oldKeyAsked = new CountDownLatch(1);
		tokenEndpoint.intercept((form) -> {
			String keyId = String.valueOf(header(form.get("assertion")).get("kid"));
			if (keyId.equals("kid-1")) {
				// the old key is deleted in Ankor while its request is under way
				oldKeyAsked.countDown();
				return ResponseDefinitionBuilder.like(TokenEndpointStub.invalidGrant()).withFixedDelay(3_000).build();
			}
			return okJson("{\"access_token\":\"" + keyId + "-token-" + this.issued.incrementAndGet()
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
		});
		this.runner.withPropertyValues("ankor.http.max-wait=30s").run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			List<CompletableFuture<OAuth2AccessToken>> callers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				callers.add(accounts.getTokenProvider("default").getAccessTokenAsync());
			}
			assertThat(oldKeyAsked.await(10, TimeUnit.SECONDS)).isTrue();
			rotate(context, "ankor", "kid-2", TestKeys.pkcs8(ROTATED_KEY));
			for (CompletableFuture<OAuth2AccessToken> caller : callers) {
				assertThat(caller).succeedsWithin(Duration.ofSeconds(20))
					.satisfies((token) -> assertThat(token.getTokenValue()).startsWith("kid-2-token-"));
			}
			// logged just after the switch, which the callers may see first
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output)
				.contains("Ankor account 'default' switched from key id kid-1 to key id kid-2"));
			// the old request ends with its refusal: nothing of it is remembered
			await().atMost(Duration.ofSeconds(10))
				.until(() -> ankor.getAllServeEvents()
					.stream()
					.anyMatch((event) -> event.getResponse().getStatus() == 400));
			assertThat(((AnkorTokenStatusSource) accounts.getTokenProvider("default")).tokenStatus().lastErrorCode())
				.isNull();
			assertThat(accounts.getTokenProvider("default").getAccessToken().getTokenValue())
				.startsWith("kid-2-token-");
		});
	}

	@Test
	void aSwitchLeavesNoObjectHoldingTheRetiredKey(CapturedOutput output) {
		assumeTrue(MutableClock.explicitGcRuns(), "System.gc() is switched off in this JVM");
		this.runner.run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			assertThat(accounts.getTokenProvider("default").getAccessToken().getTokenValue()).startsWith("kid-1-");
			WeakReference<Object> retiredKey = defaultPrivateKey(context);
			rotate(context, "ankor", "kid-2", TestKeys.pkcs8(ROTATED_KEY));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("Ankor account 'default' switched"));
			assertThat(accounts.getTokenProvider("default").getAccessToken().getTokenValue()).startsWith("kid-2-");
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
				System.gc();
				return retiredKey.get() == null;
			});
		});
	}

	/** The private key the default account uses now, loaded from its PEM. */
	private static WeakReference<Object> defaultPrivateKey(ConfigurableApplicationContext context) {
		Object key = ReflectionTestUtils.getField(context.getBean(DefaultAccountCredentials.class).current(),
				"privateKey");
		assertThat(key).isInstanceOf(PrivateKey.class);
		return new WeakReference<>(key);
	}

	@Test
	void newScopesUnderTheSameKeyIdGetAFreshTokenEvenFromASharedStore(CapturedOutput output) {
		InMemoryOAuth2AuthorizedClientService shared = sharedStore();
		this.runner.withBean(OAuth2AuthorizedClientService.class, () -> shared).run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			String before = accounts.getTokenProvider("default").getAccessToken().getTokenValue();
			// another instance sharing the store has since renewed the token of the old scopes
			String principal = AnkorTestProperties.COMPANY_URI + "#kid-1";
			Instant now = Instant.now();
			shared.saveAuthorizedClient(new OAuth2AuthorizedClient(registration(), principal,
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "other-instance-token", now,
							now.plusSeconds(3600))),
					new TestingAuthenticationToken(principal, null));
			long requests = tokenRequestsFor("kid-1");
			Map<String, Object> rotated = Map.of("ankor.scopes", "entity:*");
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rotated", rotated));
			context.publishEvent(new EnvironmentChangeEvent(context, rotated.keySet()));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("Ankor account 'default' switched"));
			assertThat(accounts.getTokenProvider("default").getAccessToken().getTokenValue()).isNotEqualTo(before)
				.isNotEqualTo("other-instance-token");
			assertThat(tokenRequestsFor("kid-1")).isEqualTo(requests + 1);
			assertThat(assertionClaims().get(0).get("scopes")).isEqualTo(List.of("entity:*"));
			assertThat(context.getBean(AnkorHealthIndicator.class).health(true).getDetails().get("scopes"))
				.isEqualTo(List.of("entity:*"));
			// the other instance, still on the old scopes, renews again; this one's renewal does not take it
			Instant later = Instant.now();
			shared.saveAuthorizedClient(new OAuth2AuthorizedClient(registration(), principal,
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "other-instance-token-2", later,
							later.plusSeconds(3600), Set.of("website:read:*"))),
					new TestingAuthenticationToken(principal, null));
			AnkorAccessTokenProvider tokens = accounts.getTokenProvider("default");
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isNotEqualTo("other-instance-token-2");
			assertThat(tokenRequestsFor("kid-1")).isEqualTo(requests + 2);
		});
	}

	@Test
	void aSharedStoreNeverHandsATokenOfOneKeyToAnother() {
		InMemoryOAuth2AuthorizedClientService shared = sharedStore();
		this.runner.withBean(OAuth2AuthorizedClientService.class, () -> shared).run((oldInstance) -> {
			String old = oldInstance.getBean(AnkorAccounts.class).getTokenProvider("default").getAccessToken()
				.getTokenValue();
			assertThat(old).startsWith("kid-1-token-");
			Map<String, Object> newKey = Map.of("ankor.key-id", "kid-2", "ankor.private-key",
					TestKeys.pkcs8(ROTATED_KEY));
			this.runner.withBean(OAuth2AuthorizedClientService.class, () -> shared)
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("newKey", newKey)))
				.run((newInstance) -> {
					String renewed = newInstance.getBean(AnkorAccounts.class).getTokenProvider("default")
						.getAccessToken().getTokenValue();
					assertThat(renewed).startsWith("kid-2-token-");
					assertThat(shared.<OAuth2AuthorizedClient>loadAuthorizedClient(
							"ankor", AnkorTestProperties.COMPANY_URI + "#kid-2").getAccessToken().getTokenValue())
						.isEqualTo(renewed);
				});
		});
	}

	private InMemoryOAuth2AuthorizedClientService sharedStore() {
		return new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(registration()));
	}

	private ClientRegistration registration() {
		return AnkorTestProperties.registration(ankor.baseUrl() + "/iam/oauth/token");
	}

	@Test
	void aSharedStoreBuiltWithTheClientRegistrationsBeanKeepsEveryAccountsToken(CapturedOutput output) {
		withAcme().withUserConfiguration(SharedStoreOfEveryAccount.class).run((context) -> {
			AnkorClientRegistrations registrations = context.getBean("ankorClientRegistrations",
					AnkorClientRegistrations.class);
			assertThat(registrations).extracting(ClientRegistration::getRegistrationId)
				.containsExactly("ankor", "ankor-acme");
			assertThat(registrations.asList().get(1).getClientId()).isEqualTo(ACME_COMPANY);
			assertThat(registrations.asList().get(1).getScopes()).containsExactly("entity:*");
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			String acmeToken = accounts.getTokenProvider("acme").getAccessToken().getTokenValue();
			String defaultToken = accounts.getTokenProvider("default").getAccessToken().getTokenValue();
			InMemoryOAuth2AuthorizedClientService store = context.getBean(InMemoryOAuth2AuthorizedClientService.class);
			assertThat(store.<OAuth2AuthorizedClient>loadAuthorizedClient("ankor-acme", ACME_COMPANY + "#kid-acme")
				.getAccessToken()
				.getTokenValue()).isEqualTo(acmeToken);
			assertThat(store
				.<OAuth2AuthorizedClient>loadAuthorizedClient("ankor", AnkorTestProperties.COMPANY_URI + "#kid-1")
				.getAccessToken()
				.getTokenValue()).isEqualTo(defaultToken);
			assertThat(output).doesNotContain("cannot keep Ankor's tokens");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedStoreOfEveryAccount {

		@Bean
		InMemoryOAuth2AuthorizedClientService authorizedClientService(AnkorClientRegistrations registrations) {
			return new InMemoryOAuth2AuthorizedClientService(
					new InMemoryClientRegistrationRepository(registrations.asList()));
		}

	}

	@Test
	void newCredentialsAnkorRefusesNeverReplaceWorkingOnes(CapturedOutput output) {
		withAcme().run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			String before = accounts.getTokenProvider("acme").getAccessToken().getTokenValue();
			this.unknownKeyIds.add("kid-unknown");
			rotate(context, "ankor.accounts.acme", "kid-unknown", TestKeys.pkcs8(ROTATED_KEY));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("Ankor account 'acme' keeps key id kid-acme"));
			assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue()).isEqualTo(before);
			assertThat(output).contains("Ankor account 'acme' keeps key id kid-acme: its new credentials "
					+ "('ankor.accounts.acme.*') were not used").contains("invalid_grant");
			Health health = ((AnkorHealthIndicator) context
				.getBean("ankorHealthContributor", CompositeHealthContributor.class)
				.getContributor("acme")).health(true);
			assertThat(health.getDetails().get("rejectedCredentials").toString()).contains("invalid_grant");
		});
	}

	@Test
	void newCredentialsThatAreNotAKeyNeverReplaceWorkingOnes(CapturedOutput output) {
		withAcme().run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			String before = accounts.getTokenProvider("acme").getAccessToken().getTokenValue();
			rotate(context, "ankor.accounts.acme", "kid-3", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("Ankor account 'acme' keeps key id kid-acme"));
			assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue()).isEqualTo(before);
			assertThat(output).contains("Ankor account 'acme' keeps key id kid-acme")
				.contains("ankor.accounts.acme.private-key");
			assertThat(tokenRequestsFor("kid-3")).isZero();
		});
	}

	@Test
	void keyFilesChangedOnDiskAreUsedWhenReloadOnUpdateIsOn(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path keyId = directory.resolve("key-id");
		Path privateKey = directory.resolve("private-key.pem");
		withAcmeKeyFiles(keyId, privateKey)
			.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue())
					.startsWith("kid-file-1-token-");
				// another file of the directory changes all the time: it does not hold the switch off
				java.util.concurrent.ScheduledExecutorService noise = java.util.concurrent.Executors
					.newSingleThreadScheduledExecutor();
				noise.scheduleAtFixedRate(() -> {
					try {
						Files.writeString(directory.resolve("access.log"), "line\n",
								java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
					}
					catch (java.io.IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
				try {
					Files.writeString(privateKey, TestKeys.pkcs8(ROTATED_KEY));
					Files.writeString(keyId, "kid-file-2\n");
					awaitSwitchToKidFile2(accounts, output);
				}
				finally {
					noise.shutdownNow();
				}
				assertThat(output).doesNotContain("BEGIN");
			});
	}

	@Test
	void theWatchOfCredentialFilesRunsWithTheContextAndEndsWithIt(@TempDir Path directory) throws Exception {
		List<Thread> watchers = watchersOf(withAcmeKeyFiles(directory.resolve("key-id"),
				directory.resolve("private-key.pem")), (context) -> assertThat(context).hasNotFailed());
		assertThat(watchers).hasSize(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watchers.get(0).isAlive()).isFalse());
	}

	@Test
	void theWatchOfCredentialFilesEndsWhenStartupFailsAfterItStarted(@TempDir Path directory) throws Exception {
		// a listener of the refreshed context that fails once the watch has started
		ApplicationContextRunner failing = withAcmeKeyFiles(directory.resolve("key-id"),
				directory.resolve("private-key.pem"))
			.withBean("failsOnRefresh", ApplicationListener.class,
					() -> (ApplicationListener<ContextRefreshedEvent>) (event) -> {
						throw new IllegalStateException("fails on refresh");
					});
		List<Thread> watchers = watchersOf(failing,
				(context) -> assertThat(context).getFailure().hasMessage("fails on refresh"));
		assertThat(watchers).hasSize(1);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(watchers.get(0).isAlive()).isFalse());
	}

	@Test
	void credentialFilesOfAnAccountThatCannotSwitchAreNotWatched(@TempDir Path directory) throws Exception {
		Path keyId = directory.resolve("key-id");
		Path privateKey = directory.resolve("private-key.pem");
		Files.writeString(keyId, "kid-file-1\n");
		Files.writeString(privateKey, TestKeys.pkcs8(DEFAULT_KEY));
		AnkorAccessTokenProvider own = new FixedTokenProvider("own-token");
		// the default account's provider is the application's own: the starter cannot switch its credentials
		ApplicationContextRunner ownProvider = this.runner.withBean(AnkorAccessTokenProvider.class, () -> own)
			.withPropertyValues("ankor.key-id=file:" + keyId, "ankor.private-key=file:" + privateKey,
					"ankor.reload-on-update=true");
		List<Thread> watchers = watchersOf(ownProvider,
				(context) -> assertThat(context).hasNotFailed().hasBean("ankorCredentialSwitch"));
		assertThat(watchers).isEmpty();
	}

	/** The credential-file watcher threads a run made, taken while its context is open or as it failed. */
	private static List<Thread> watchersOf(ApplicationContextRunner runner,
			ContextConsumer<AssertableApplicationContext> check) {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		List<Thread> watchers = new ArrayList<>();
		ApplicationListener<ApplicationEvent> watch = (event) -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && !watchers.contains(thread)
					&& thread.getName().equals("ankor-credentials-watcher"))
			.forEach(watchers::add);
		runner.withInitializer((context) -> context.addApplicationListener(watch)).run(check);
		return watchers;
	}

	@Test
	void keyFilesChangedWhileTheApplicationStartsAreUsed(@TempDir Path directory, CapturedOutput output)
			throws Exception {
		Path keyId = directory.resolve("key-id");
		Path privateKey = directory.resolve("private-key.pem");
		withAcmeKeyFiles(keyId, privateKey)
			// while the rest of the application starts, the secret is updated
			.withBean("slowToStart", Object.class, afterTheAccounts(() -> {
				Files.writeString(privateKey, TestKeys.pkcs8(ROTATED_KEY));
				Files.writeString(keyId, "kid-file-2\n");
			}), (definition) -> definition.setDependsOn("ankorAccounts"))
			.run((context) -> {
				awaitSwitchToKidFile2(context.getBean(AnkorAccounts.class), output);
			});
	}

	@Test
	void anErrorWhileReadingNewCredentialsShowsInHealthAndTheNextChangeIsStillUsed(@TempDir Path directory,
			CapturedOutput output) throws Exception {
		Path keyId = directory.resolve("key-id");
		Path privateKey = directory.resolve("private-key.pem");
		AtomicBoolean broken = new AtomicBoolean();
		withAcmeKeyFiles(keyId, privateKey)
			// a class missing from a broken deploy, met while the new files are read
			.withInitializer((context) -> ((DefaultResourceLoader) context).addProtocolResolver((location, loader) -> {
				if (broken.get() && location.endsWith("key-id")) {
					throw new NoClassDefFoundError("com/example/Missing");
				}
				return null;
			}))
			.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue())
					.startsWith("kid-file-1-token-");
				broken.set(true);
				Files.writeString(privateKey, TestKeys.pkcs8(ROTATED_KEY));
				Files.writeString(keyId, "kid-file-2\n");
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(acmeHealth(context).getDetails().get("rejectedCredentials"))
						.asString()
						.contains("java.lang.NoClassDefFoundError"));
				// logged just after health shows it
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(output).contains("Ankor account 'acme' keeps key id kid-file-1")
						.contains("java.lang.NoClassDefFoundError"));
				broken.set(false);
				Files.writeString(keyId, "kid-file-2\n");
				awaitSwitchToKidFile2(accounts, output);
				assertThat(acmeHealth(context).getDetails()).doesNotContainKey("rejectedCredentials");
			});
	}

	private static Health acmeHealth(ConfigurableApplicationContext context) {
		return ((AnkorHealthIndicator) context.getBean("ankorHealthContributor", CompositeHealthContributor.class)
			.getContributor("acme")).health(true);
	}

	@Test
	void keyFilesWrittenAfterTheKeyWasReadAndBeforeTheAccountsWereMadeAreUsed(@TempDir Path directory,
			CapturedOutput output) throws Exception {
		Path keyId = Files.writeString(directory.resolve("key-id"), "kid-file-1\n");
		Path privateKey = Files.writeString(directory.resolve("private-key.pem"), TestKeys.pkcs8(DEFAULT_KEY));
		this.runner
			.withPropertyValues("ankor.key-id=file:" + keyId, "ankor.private-key=file:" + privateKey,
					"ankor.reload-on-update=true")
			// a deploy writes a new key once the starter has read the old one, before the accounts are made
			.withBean("deploy", Object.class, afterTheAccounts(() -> {
				Files.writeString(privateKey, TestKeys.pkcs8(ROTATED_KEY));
				Files.writeString(keyId, "kid-file-2\n");
			}), (definition) -> definition.setDependsOn("ankorAccessTokenProvider"))
			.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(output)
						.contains("Ankor account 'default' switched from key id kid-file-1 to key id kid-file-2"));
				assertThat(accounts.getTokenProvider("default").getAccessToken().getTokenValue())
					.startsWith("kid-file-2-token-");
			});
	}

	@Test
	void credentialFilesThatCannotBeWatchedStopStartupNamingReloadOnUpdate(@TempDir Path parent) throws Exception {
		Path directory = Files.createDirectory(parent.resolve("secret"));
		Path keyId = directory.resolve("key-id");
		Path privateKey = directory.resolve("private-key.pem");
		withAcmeKeyFiles(keyId, privateKey)
			// after the key was read, before the files are watched: the directory is gone
			.withBean("removesTheSecret", Object.class, afterTheAccounts(() -> {
				Files.delete(keyId);
				Files.delete(privateKey);
				Files.delete(directory);
			}), (definition) -> definition.setDependsOn("ankorAccounts"))
			.run((context) -> {
				AnkorConfigurationException failure = rootCause(context);
				assertThat(failure.getProperty()).isEqualTo("ankor.accounts.acme.reload-on-update");
				assertThat(failure).hasMessageContaining("cannot be watched (NoSuchFileException")
					.hasMessageContaining("set 'ankor.accounts.acme.reload-on-update' to false");
			});
	}

	@Test
	void noThreadOfATokenChainOutlivesItsContextOrItsKey() {
		// the token chain alone: Spring Boot's HTTP clients have threads of their own
		ApplicationContextRunner tokensOnly = withAcme(AnkorTestProperties
			.withRequiredProperties(new ApplicationContextRunner(), ankor.baseUrl(), TestKeys.pkcs8(DEFAULT_KEY))
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
					AnkorAccountsAutoConfiguration.class)));
		Set<String> before = threadNames();
		for (int i = 0; i < 20; i++) {
			tokensOnly.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				accounts.getTokenProvider("default").getAccessToken();
				accounts.getTokenProvider("acme").getAccessToken();
			});
		}
		tokensOnly.run((context) -> {
			AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
			accounts.getTokenProvider("default").getAccessToken();
			for (int i = 2; i <= 21; i++) {
				String keyId = "kid-" + i;
				rotate(context, "ankor", keyId, TestKeys.pkcs8(ROTATED_KEY));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> accounts.getTokenProvider("default").getAccessToken().getTokenValue(),
							(token) -> token.startsWith(keyId + "-token-"));
			}
		});
		// without a garbage collection: what ends with its owner ends at once
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(threadNames()).filteredOn((name) -> !before.contains(name))
				.noneMatch((name) -> name.matches("HttpClient-\\d+-(SelectorManager|Worker-\\d+)")
						|| name.startsWith("ankor-token") || name.startsWith("ankor-credentials")));
	}

	@Test
	void theTokenThreadsEndWithTheContextWhenTheApplicationHasItsOwnAccounts() {
		// no registry closes the providers then: the context closes the default one, then the threads
		ApplicationContextRunner ownAccounts = AnkorTestProperties
			.withRequiredProperties(new ApplicationContextRunner(), ankor.baseUrl(), TestKeys.pkcs8(DEFAULT_KEY))
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
					AnkorAccountsAutoConfiguration.class))
			.withBean(AnkorAccounts.class, () -> new AnkorAccounts() {

				@Override
				public Set<String> getNames() {
					return Set.of();
				}

				@Override
				public AnkorAccessTokenProvider getTokenProvider(String name) {
					throw new IllegalArgumentException(name);
				}

				@Override
				public WebClient getWebClient(String name) {
					throw new IllegalArgumentException(name);
				}

				@Override
				public RestClient getRestClient(String name) {
					throw new IllegalArgumentException(name);
				}

			});
		Set<String> before = threadNames();
		ownAccounts.run((context) -> {
			assertThat(context).doesNotHaveBean(AnkorAccountRegistry.class);
			context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			assertThat(threadNames()).anyMatch((name) -> name.startsWith("ankor-token"));
		});
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(threadNames()).filteredOn((name) -> !before.contains(name))
				.noneMatch((name) -> name.startsWith("ankor-token")));
	}

	@Test
	void noBeanOrAccountShowsAKeyInItsText() {
		withAcme("ankor.accounts.acme.public-key=" + TestKeys.publicKey(ACME_KEY)).run((context) -> {
			AnkorProperties properties = context.getBean(AnkorProperties.class);
			assertThat(properties.getAccounts().get("acme").toString()).contains(ACME_COMPANY)
				.doesNotContain("PRIVATE")
				.doesNotContain(TestKeys.pkcs8(ACME_KEY).lines().skip(1).findFirst().orElseThrow());
			AnkorAccountRegistry registry = context.getBean(AnkorAccountRegistry.class);
			assertThat(registry.getNames()).containsExactly("default", "acme").allSatisfy((name) -> {
				AccountSettings settings = registry.getSettings(name);
				assertThat(settings.toString()).contains(name).doesNotContain("PRIVATE");
				// kept for good: an inline key's text is not, so that nothing holds a retired key
				assertThat(settings.privateKey()).isEmpty();
				assertThat(String.valueOf(settings.publicKey())).doesNotContain("BEGIN");
			});
			for (String name : context.getBeanNamesForType(Object.class)) {
				if (name.startsWith("ankor")) {
					assertThat(String.valueOf(context.getBean(name))).as(name).doesNotContain("PRIVATE KEY");
				}
			}
		});
	}

	@Test
	void aSharedStoreThatHangsOnEveryStoreThreadIsNotWaitedForAgain(CapturedOutput output) {
		CountDownLatch deadConnection = new CountDownLatch(1);
		// a JDBC store on a dead connection: the reads of four accounts hang for a minute
		OAuth2AuthorizedClientService hanging = new OAuth2AuthorizedClientService() {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
					String principal) {
				if (registrationId.matches("ankor-company-[1-4]")) {
					try {
						deadConnection.await(1, TimeUnit.MINUTES);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return null;
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			}

			@Override
			public void removeAuthorizedClient(String registrationId, String principal) {
			}

		};
		Map<String, Object> companies = companies(5);
		try {
			this.runner.withBean(OAuth2AuthorizedClientService.class, () -> hanging)
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("companies", companies)))
				.run((context) -> {
					AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
					List<CompletableFuture<?>> hung = List.of("company-1", "company-2", "company-3", "company-4")
						.stream()
						.<CompletableFuture<?>>map((name) -> accounts.getTokenProvider(name).getAccessTokenAsync())
						.toList();
					// each got a token once its read was given up, and keeps a store thread
					assertThat(CompletableFuture.allOf(hung.toArray(CompletableFuture[]::new)))
						.succeedsWithin(Duration.ofSeconds(30));
					assertThat(accounts.getTokenProvider("company-5").getAccessToken().getTokenValue())
						.startsWith("kid-company-5-token-");
					assertThat(output).contains("every store thread waits on a call that has not returned");
				});
		}
		finally {
			deadConnection.countDown();
		}
	}

	@Test
	void accountsWaitingToRetryLeaveTheTokenThreadsToTheOthers() {
		// eight companies are told to come back in 3 s: as many as there are token threads
		Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
		tokenEndpoint.intercept((form) -> {
			String keyId = String.valueOf(header(form.get("assertion")).get("kid"));
			int attempt = attempts.computeIfAbsent(keyId, (key) -> new AtomicInteger()).incrementAndGet();
			if (keyId.matches("kid-company-[1-8]") && attempt == 1) {
				return aResponse().withStatus(503).withHeader("Retry-After", "3").build();
			}
			return okJson("{\"access_token\":\"" + keyId + "-token-" + this.issued.incrementAndGet()
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
		});
		Map<String, Object> companies = companies(9);
		this.runner.withPropertyValues("ankor.http.retry-budget=20s", "ankor.http.max-wait=20s")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("companies", companies)))
			.run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				List<CompletableFuture<?>> retrying = new ArrayList<>();
				for (int i = 1; i <= 8; i++) {
					retrying.add(accounts.getTokenProvider("company-" + i).getAccessTokenAsync());
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> attempts.values().stream().mapToInt(AtomicInteger::get).sum() == 8);
				// the ninth company is served while the eight wait to retry, not after them
				assertThat(accounts.getTokenProvider("company-9").getAccessToken().getTokenValue())
					.startsWith("kid-company-9-token-");
				assertThat(attempts).allSatisfy((keyId, count) -> assertThat(count).as(keyId).hasValue(1));
				assertThat(CompletableFuture.allOf(retrying.toArray(CompletableFuture[]::new)))
					.succeedsWithin(Duration.ofSeconds(20));
			});
	}

	@Test
	void everyAccountSharesTheSameFewTokenThreads() {
		// slow enough that every account's request is in progress or queued at once
		tokenEndpoint.intercept((form) -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return okJson("{\"access_token\":\"token-" + this.issued.incrementAndGet()
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
		});
		Map<String, Object> companies = companies(30);
		Set<String> before = threadNames();
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("companies", companies))).run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				List<CompletableFuture<?>> calls = accounts.getNames()
					.stream()
					.<CompletableFuture<?>>map((name) -> accounts.getTokenProvider(name).getAccessTokenAsync())
					.toList();
				CompletableFuture<Void> all = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
				Set<String> tokenThreads = new java.util.HashSet<>();
				while (!all.isDone()) {
					threadNames().stream()
						.filter((name) -> !before.contains(name) && name.matches("ankor-token-\\d+"))
						.forEach(tokenThreads::add);
					Thread.sleep(5);
				}
				assertThat(all).succeedsWithin(Duration.ofSeconds(30));
				assertThat(this.issued).hasValue(31);
				// at most as many as TokenExecutor has (8), whatever the number of accounts
				assertThat(tokenThreads).isNotEmpty().hasSizeLessThanOrEqualTo(8);
			});
	}

	/** Further accounts 'company-1' to 'company-<count>', each with a company and Key ID of its own. */
	private static Map<String, Object> companies(int count) {
		Map<String, Object> companies = new LinkedHashMap<>();
		for (int i = 1; i <= count; i++) {
			String prefix = "ankor.accounts.company-" + i;
			companies.put(prefix + ".company-uri", "https://calendars.ankor.io/company/" + (100 + i));
			companies.put(prefix + ".key-id", "kid-company-" + i);
			companies.put(prefix + ".private-key", TestKeys.pkcs8(ACME_KEY));
		}
		return companies;
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.collect(Collectors.toSet());
	}

	/** Waits for account 'acme' to switch from 'kid-file-1' to 'kid-file-2', and to say so. */
	private static void awaitSwitchToKidFile2(AnkorAccounts accounts, CapturedOutput output) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(accounts.getTokenProvider("acme").getAccessToken().getTokenValue())
				.startsWith("kid-file-2-token-");
			// logged just after the switch
			assertThat(output).contains("Ankor account 'acme' switched from key id kid-file-1 to key id kid-file-2");
		});
	}

	/**
	 * A bean that does something to the credential files while it is made: after the
	 * accounts (it depends on them), before the files are watched.
	 */
	private static Supplier<Object> afterTheAccounts(FileAction action) {
		return () -> {
			try {
				action.run();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Object();
		};
	}

	@FunctionalInterface
	private interface FileAction {

		void run() throws IOException;

	}

	/** Account 'acme' with its Key ID and key in files, 'kid-file-1' and ACME_KEY, and reload-on-update. */
	private ApplicationContextRunner withAcmeKeyFiles(Path keyId, Path privateKey) throws IOException {
		Files.writeString(keyId, "kid-file-1\n");
		Files.writeString(privateKey, TestKeys.pkcs8(ACME_KEY));
		return withAcme("ankor.accounts.acme.key-id=file:" + keyId,
				"ankor.accounts.acme.private-key=file:" + privateKey, "ankor.accounts.acme.reload-on-update=true");
	}

	private void rotate(ConfigurableApplicationContext context, String prefix, String keyId, String privateKey) {
		Map<String, Object> rotated = new LinkedHashMap<>();
		rotated.put(prefix + ".key-id", keyId);
		rotated.put(prefix + ".private-key", privateKey);
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rotated", rotated));
		context.publishEvent(new EnvironmentChangeEvent(context, rotated.keySet()));
	}

	private static AnkorConfigurationException rootCause(AssertableApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof AnkorConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(AnkorConfigurationException.class);
		return (AnkorConfigurationException) failure;
	}

	private long tokenRequestsFor(String keyId) {
		return ankor.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/iam/oauth/token"))
			.map((event) -> AnkorTokenExchangeTests.form(event.getRequest().getBodyAsString()).get("assertion"))
			.filter((assertion) -> keyId.equals(header(assertion).get("kid")))
			.count();
	}

	/** The claims of every assertion, the latest first. */
	private static List<Map<String, Object>> assertionClaims() {
		return ankor.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/iam/oauth/token"))
			.map((event) -> TokenEndpointStub
				.claims(AnkorTokenExchangeTests.form(event.getRequest().getBodyAsString()).get("assertion")))
			.toList();
	}

	private static Map<String, Object> header(String assertion) {
		try {
			return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(assertion.split("\\.")[0]),
					StandardCharsets.UTF_8));
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	interface YachtApi {

		@GetExchange("/website/yachts/{id}")
		String yacht(@org.springframework.web.bind.annotation.PathVariable String id);

	}

	@ImportHttpServices(group = "ankor-acme", types = YachtApi.class)
	static class AcmeServices {

	}

}
