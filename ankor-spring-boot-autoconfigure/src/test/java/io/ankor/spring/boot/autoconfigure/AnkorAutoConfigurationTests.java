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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorWebClientCustomizer;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for the auto-configurations: which beans exist, in which kinds of application,
 * and that the application's own beans and Spring Security setup win.
 */
class AnkorAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(AnkorAutoConfiguration.class,
			AnkorTokenAutoConfiguration.class, AnkorClientsAutoConfiguration.class, RestClientAutoConfiguration.class,
			WebClientAutoConfiguration.class);

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.rsa(2048));

	private final ApplicationContextRunner runner = configure(new ApplicationContextRunner());

	static <R extends AbstractApplicationContextRunner<R, ?, ?>> R configure(R runner) {
		return AnkorTestProperties.withRequiredProperties(runner, ankor.baseUrl(), PRIVATE_KEY)
			.withConfiguration(CONFIGURATIONS);
	}

	@BeforeEach
	void stubAnkor() {
		ankor.stubFor(post("/iam/oauth/token")
			.willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		ankor.stubFor(get("/elsewhere").willReturn(okJson("{}")));
	}

	@Test
	void providesClientsAndTokenProviderWithTheRequiredProperties() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(AnkorProperties.class)
				.hasSingleBean(AnkorAccessTokenProvider.class)
				// no bean keeps a private key: a switch to new credentials leaves none behind
				.doesNotHaveBean(AnkorCredentials.class)
				.doesNotHaveBean(AnkorAssertionSigner.class)
				.hasBean("ankorWebClient")
				.hasBean("ankorRestClient");
			assertThat(context.getBean("ankorWebClient")).isInstanceOf(WebClient.class);
			assertThat(context.getBean("ankorRestClient")).isInstanceOf(RestClient.class);
		});
	}

	@Test
	void anApplicationsSingletonBuildersNeverReceiveAnkorsBaseUrlOrFilter() {
		WebClient.Builder webClientBuilder = WebClient.builder();
		RestClient.Builder restClientBuilder = RestClient.builder();
		this.runner.withBean(WebClient.Builder.class, () -> webClientBuilder)
			.withBean(RestClient.Builder.class, () -> restClientBuilder)
			.run((context) -> {
				assertThat(context).hasBean("ankorWebClient").hasBean("ankorRestClient");
				// Ankor's own origin: a leaked filter would add the token here
				String elsewhere = ankor.baseUrl() + "/elsewhere";
				assertThat(context.getBean("ankorRestClient", RestClient.class)
					.get()
					.uri("/website/yachts")
					.retrieve()
					.body(String.class)).isEqualTo("[]");
				webClientBuilder.build().get().uri(elsewhere).retrieve().toBodilessEntity().block();
				restClientBuilder.build().get().uri(elsewhere).retrieve().toBodilessEntity();
				ankor.verify(2, getRequestedFor(urlEqualTo("/elsewhere")).withHeader("Authorization", absent()));
				// no base URL either: a relative URI goes nowhere
				assertThatException()
					.isThrownBy(() -> restClientBuilder.build().get().uri("/website/yachts").retrieve().toBodilessEntity());
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("ankor.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(AnkorProperties.class)
				.doesNotHaveBean(AnkorAccessTokenProvider.class)
				.doesNotHaveBean("ankorWebClient")
				.doesNotHaveBean("ankorRestClient");
		});
	}

	@Test
	void disabledStarterNeedsNoProperties() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("ankor.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AnkorAccessTokenProvider.class));
	}

	@Test
	void providesNoWebClientWithoutWebFlux() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean("ankorWebClient").hasBean("ankorRestClient");
			callWithRestClient(context);
		});
	}

	@Test
	void applicationBeansOfTheSameNameWin() {
		WebClient webClient = WebClient.create();
		RestClient restClient = RestClient.create();
		this.runner.withBean("ankorWebClient", WebClient.class, () -> webClient)
			.withBean("ankorRestClient", RestClient.class, () -> restClient)
			.run((context) -> {
				assertThat(context.getBean("ankorWebClient")).isSameAs(webClient);
				assertThat(context.getBean("ankorRestClient")).isSameAs(restClient);
				// the 'ankor' HTTP service group is configured all the same
				assertThat(context).hasBean("ankorWebClientHttpServiceGroupConfigurer")
					.hasBean("ankorRestClientHttpServiceGroupConfigurer");
			});
	}

	@Test
	void applicationTokenProviderWins() {
		AnkorAccessTokenProvider provider = new FixedTokenProvider("from-app");
		this.runner.withBean(AnkorAccessTokenProvider.class, () -> provider).run((context) -> {
			assertThat(context).getBean(AnkorAccessTokenProvider.class).isSameAs(provider);
			context.getBean("ankorRestClient", RestClient.class).get().uri("/website/yachts").retrieve().toBodilessEntity();
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
					equalTo("Bearer from-app")));
			ankor.verify(0, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void anApplicationClockDoesNotDateAssertions() {
		Clock fixed = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"),
				ZoneOffset.UTC);
		this.runner.withBean("businessClock", Clock.class, () -> fixed).run((context) -> {
			context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			String assertion = AnkorTokenExchangeTests
				.form(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token"))).get(0).getBodyAsString())
				.get("assertion");
			assertThat(Instant.ofEpochSecond(((Number) TokenEndpointStub.claims(assertion).get("iat")).longValue()))
				.isAfter(Instant.now().minusSeconds(60));
		});
	}

	@Test
	void servletApplicationsGetWorkingClients() {
		configure(new WebApplicationContextRunner()).run((context) -> {
			callWithRestClient(context);
			callWithWebClient(context);
		});
	}

	@Test
	void reactiveApplicationsGetWorkingClients() {
		configure(new ReactiveWebApplicationContextRunner()).run((context) -> {
			callWithWebClient(context);
			callWithRestClient(context);
		});
	}

	@Test
	void nonWebApplicationsGetWorkingClients() {
		this.runner.run((context) -> {
			callWithRestClient(context);
			callWithWebClient(context);
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void ankorCustomizersApplyToAnkorClientsOnly() {
		this.runner
			.withBean(AnkorWebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Agency", "web"))
			.withBean(AnkorRestClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Agency", "rest"))
			.run((context) -> {
				callWithWebClient(context);
				callWithRestClient(context);
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("X-Agency", equalTo("web")));
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("X-Agency", equalTo("rest")));
				context.getBean(RestClient.Builder.class).build().get().uri(ankor.baseUrl() + "/elsewhere").retrieve()
					.toBodilessEntity();
				ankor.verify(getRequestedFor(urlEqualTo("/elsewhere")).withHeader("X-Agency", absent()));
			});
	}

	@Test
	void otherClientsOfTheApplicationNeverCarryAnkorTokens() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(WebClientCustomizer.class).doesNotHaveBean(RestClientCustomizer.class);
			callWithRestClient(context);
			context.getBean(RestClient.Builder.class).build().get().uri(ankor.baseUrl() + "/elsewhere").retrieve()
				.toBodilessEntity();
			context.getBean(WebClient.Builder.class).build().get().uri(ankor.baseUrl() + "/elsewhere").retrieve()
				.toBodilessEntity()
				.block();
			ankor.verify(2, getRequestedFor(urlEqualTo("/elsewhere")).withHeader("Authorization", absent()));
		});
	}

	@Test
	void exposesNoSpringSecurityOAuth2ClientBeans() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class)
			.doesNotHaveBean(OAuth2AuthorizedClientService.class)
			.doesNotHaveBean(OAuth2AuthorizedClientManager.class));
	}

	@Test
	void oauth2LoginRegistrationsOfTheApplicationKeepWorking() {
		configure(new WebApplicationContextRunner())
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
			.withPropertyValues("spring.security.oauth2.client.registration.github.client-id=app-client",
					"spring.security.oauth2.client.registration.github.client-secret=app-secret",
					"spring.security.oauth2.client.registration.github.provider=github")
			.run((context) -> {
				ClientRegistrationRepository repository = context.getBean(ClientRegistrationRepository.class);
				assertThat(repository.findByRegistrationId("github").getClientId()).isEqualTo("app-client");
				assertThat(repository.findByRegistrationId("ankor")).isNull();
				assertThat(context).hasSingleBean(OAuth2AuthorizedClientService.class);
				callWithRestClient(context);
			});
	}

	@Test
	void applicationsOwnClientRegistrationRepositoryStaysTheOnlyOne() {
		ClientRegistration registration = ClientRegistration.withRegistrationId("partner")
			.clientId("partner-client")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://partner.example/token")
			.build();
		InMemoryClientRegistrationRepository repository = new InMemoryClientRegistrationRepository(registration);
		configure(new WebApplicationContextRunner())
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class))
			.withBean(ClientRegistrationRepository.class, () -> repository)
			.run((context) -> {
				assertThat(context).getBean(ClientRegistrationRepository.class).isSameAs(repository);
				callWithWebClient(context);
			});
	}

	private static void callWithRestClient(ApplicationContext context) {
		RestClient client = context.getBean("ankorRestClient", RestClient.class);
		assertThat(client.get().uri("/website/yachts").retrieve().body(String.class)).isEqualTo("[]");
		ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization", equalTo("Bearer t-1")));
	}

	private static void callWithWebClient(ApplicationContext context) {
		WebClient client = context.getBean("ankorWebClient", WebClient.class);
		assertThat(client.get().uri("/website/yachts").retrieve().bodyToMono(String.class).block()).isEqualTo("[]");
		ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization", equalTo("Bearer t-1")));
	}


}
