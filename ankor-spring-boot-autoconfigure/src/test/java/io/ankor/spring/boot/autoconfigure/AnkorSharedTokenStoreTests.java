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
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances whose {@link OAuth2AuthorizedClientService} shares one database share one
 * Ankor token: Spring Security's {@link JdbcOAuth2AuthorizedClientService} on an embedded
 * database, two application contexts.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorSharedTokenStoreTests {

	static final TokenEndpointStub tokenEndpoint = new TokenEndpointStub();

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(tokenEndpoint))
		.build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final MutableClock clock = new MutableClock();

	private EmbeddedDatabase database;

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		tokenEndpoint.reset(this.clock);
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withTransformers(TokenEndpointStub.NAME)));
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("org/springframework/security/oauth2/client/oauth2-client-schema.sql")
			.build();
		this.runner = AnkorTestProperties
			.withRequiredProperties(new ApplicationContextRunner(contextFactory()), ankor.baseUrl(), PRIVATE_KEY)
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class))
			.withBean(AnkorAutoConfiguration.CLOCK_BEAN, Clock.class, () -> this.clock)
			.withBean(JdbcTemplate.class, () -> new JdbcTemplate(this.database))
			.withPropertyValues("ankor.refresh-margin=20s");
	}

	/**
	 * The kind of application context: a plain one is a non-web application.
	 * @return the context factory
	 */
	Supplier<ConfigurableApplicationContext> contextFactory() {
		return AnnotationConfigApplicationContext::new;
	}

	@AfterEach
	void shutDown() {
		this.database.shutdown();
	}

	@Test
	void twoInstancesOnOneDatabaseMakeOneTokenRequest() {
		this.runner.withUserConfiguration(JdbcStore.class).run((first) -> {
			String token = first.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue();
			this.runner.withUserConfiguration(JdbcStore.class).run((second) -> {
				assertThat(second.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
					.isEqualTo(token);
			});
		});
		ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
	}

	@Test
	void anInstanceThatRenewsLateTakesTheTokenAnotherInstanceRenewed() {
		tokenEndpoint.expiresIn(100L);
		this.runner.withUserConfiguration(JdbcStore.class).run((first) -> {
			AnkorAccessTokenProvider firstTokens = first.getBean(AnkorAccessTokenProvider.class);
			assertThat(firstTokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			this.runner.withUserConfiguration(JdbcStore.class).run((second) -> {
				AnkorAccessTokenProvider secondTokens = second.getBean(AnkorAccessTokenProvider.class);
				assertThat(secondTokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
				// the first instance's token expires: it renews, then the second finds token-2 stored
				this.clock.advance(Duration.ofSeconds(85));
				assertThat(firstTokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
				assertThat(secondTokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			});
		});
		ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
	}

	@Test
	void aStoreThatCannotReadAnkorsTokensFallsBackToMemory(CapturedOutput output) {
		this.runner.withUserConfiguration(StoreWithoutAnkor.class).run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			String first = tokens.getAccessToken().getTokenValue();
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isNotEqualTo(first);
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-3");
		});
		assertThat(output.getAll()).contains("The application's OAuth2AuthorizedClientService cannot keep Ankor's tokens");
	}

	@Test
	void aStoreThatFailsOnceIsTriedAgainAfterAMinute(CapturedOutput output) {
		AtomicInteger failures = new AtomicInteger(1);
		this.runner.withBean(OAuth2AuthorizedClientService.class, () -> failingOnce(failures)).run((first) -> {
			AnkorAccessTokenProvider firstTokens = first.getBean(AnkorAccessTokenProvider.class);
			// the database fails over: the token is kept in memory, not shared
			assertThat(firstTokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			assertThat(output.getAll()).contains("cannot keep Ankor's tokens (TransientDataAccessResourceException); "
					+ "keeping them in memory instead, and trying it again after a minute");
			this.clock.advance(Duration.ofSeconds(61));
			firstTokens.invalidate(firstTokens.getAccessToken());
			assertThat(firstTokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			assertThat(output.getAll()).contains("keeps Ankor's tokens again");
			this.runner.withUserConfiguration(JdbcStore.class).run((second) -> {
				// shared again: the second instance takes the first's token
				assertThat(second.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
					.isEqualTo("token-2");
			});
		});
		ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
	}

	@Test
	void aHungStoreCostsOneBoundedWaitThenTokensAreKeptInMemory(CapturedOutput output) {
		CountDownLatch deadConnection = new CountDownLatch(1);
		AtomicInteger reads = new AtomicInteger();
		OAuth2AuthorizedClientService jdbc = jdbcStore();
		// a JDBC store on a dead connection: its first read hangs for a minute
		OAuth2AuthorizedClientService hanging = new DelegatingStore(jdbc) {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
					String principal) {
				if (reads.getAndIncrement() == 0) {
					awaitQuietly(deadConnection, Duration.ofMinutes(1));
				}
				return super.loadAuthorizedClient(registrationId, principal);
			}

		};
		try {
			// a caller may wait longer than the store's bound: the store hangs for a minute
			this.runner.withBean(OAuth2AuthorizedClientService.class, () -> hanging)
				.withPropertyValues("ankor.http.max-wait=20s")
				.run((context) -> {
					AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
					assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
					assertThat(output.getAll()).contains("The application's OAuth2AuthorizedClientService cannot "
							+ "keep Ankor's tokens (no answer within 5 s); keeping them in memory instead");
					// while the store is left alone, renewals wait for nothing
					tokens.invalidate(tokens.getAccessToken());
					assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
					assertThat(reads).hasValue(1);
				});
		}
		finally {
			deadConnection.countDown();
		}
		ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
	}

	@Test
	void eachTokenRequestReadsTheStoreOnceAndSavesOnce() {
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger saves = new AtomicInteger();
		OAuth2AuthorizedClientService counting = new DelegatingStore(jdbcStore()) {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
					String principal) {
				reads.incrementAndGet();
				return super.loadAuthorizedClient(registrationId, principal);
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
				saves.incrementAndGet();
				super.saveAuthorizedClient(client, principal);
			}

		};
		this.runner.withBean(OAuth2AuthorizedClientService.class, () -> counting).run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			// a cold start: nothing stored
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			assertThat(reads).hasValue(1);
			assertThat(saves).hasValue(1);
			// Ankor rejected the token: the stored one is the rejected one, and a new one is requested
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			assertThat(reads).hasValue(2);
			assertThat(saves).hasValue(2);
		});
	}

	private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
		try {
			latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private OAuth2AuthorizedClientService jdbcStore() {
		ClientRegistration registration = AnkorTestProperties.registration(ankor.baseUrl() + "/iam/oauth/token");
		return new JdbcOAuth2AuthorizedClientService(new JdbcTemplate(this.database),
				new InMemoryClientRegistrationRepository(registration));
	}

	/** A store that passes every call on. */
	private static class DelegatingStore implements OAuth2AuthorizedClientService {

		private final OAuth2AuthorizedClientService delegate;

		DelegatingStore(OAuth2AuthorizedClientService delegate) {
			this.delegate = delegate;
		}

		@Override
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principal) {
			return this.delegate.loadAuthorizedClient(registrationId, principal);
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			this.delegate.saveAuthorizedClient(client, principal);
		}

		@Override
		public void removeAuthorizedClient(String registrationId, String principal) {
			this.delegate.removeAuthorizedClient(registrationId, principal);
		}

	}

	private OAuth2AuthorizedClientService failingOnce(AtomicInteger failures) {
		ClientRegistration registration = AnkorTestProperties.registration(ankor.baseUrl() + "/iam/oauth/token");
		OAuth2AuthorizedClientService jdbc = new JdbcOAuth2AuthorizedClientService(new JdbcTemplate(this.database),
				new InMemoryClientRegistrationRepository(registration));
		return new OAuth2AuthorizedClientService() {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
					String principal) {
				if (failures.getAndDecrement() > 0) {
					throw new TransientDataAccessResourceException("failing over");
				}
				return jdbc.loadAuthorizedClient(registrationId, principal);
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
				jdbc.saveAuthorizedClient(client, principal);
			}

			@Override
			public void removeAuthorizedClient(String registrationId, String principal) {
				jdbc.removeAuthorizedClient(registrationId, principal);
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcStore {

		@Bean
		JdbcOAuth2AuthorizedClientService authorizedClientService(JdbcTemplate jdbc,
				@Qualifier("ankorClientRegistration") ClientRegistration ankor) {
			return new JdbcOAuth2AuthorizedClientService(jdbc, new InMemoryClientRegistrationRepository(ankor));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StoreWithoutAnkor {

		@Bean
		JdbcOAuth2AuthorizedClientService authorizedClientService(JdbcTemplate jdbc) {
			ClientRegistration other = ClientRegistration.withRegistrationId("partner")
				.clientId("partner")
				.authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri("https://partner.example/token")
				.build();
			return new JdbcOAuth2AuthorizedClientService(jdbc, new InMemoryClientRegistrationRepository(other));
		}

	}

}
