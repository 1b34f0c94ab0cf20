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

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of token acquisition: the Ankor token response client and Spring
 * Security's JWT-bearer machinery behind an {@link AnkorAccessTokenProvider}. Reactive
 * web applications get Spring Security's reactive chain (nothing blocks); all others its
 * blocking chain, run on the provider's own thread. Either way there is one token cache.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(AnkorAssertionSigner.class)
@Import({ AnkorTokenAutoConfiguration.ReactiveTokenConfiguration.class,
		AnkorTokenAutoConfiguration.BlockingTokenConfiguration.class })
public final class AnkorTokenAutoConfiguration {

	/**
	 * Ankor's registration in Spring Security. Not a repository, so that the application's
	 * OAuth2 client configuration is untouched; an application that shares tokens through
	 * its own {@link OAuth2AuthorizedClientService} builds that service's repository with
	 * it.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "ankorClientRegistration")
	ClientRegistration ankorClientRegistration(AnkorProperties properties, AnkorCredentials credentials) {
		return AnkorAuthorizedClientSource.registration(properties, credentials);
	}

	@Bean
	AnkorTokenExchange ankorTokenExchange(AnkorProperties properties, AnkorAssertionSigner signer,
			@Qualifier(AnkorAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new AnkorTokenExchange(properties, signer, clock.getIfAvailable(Clock::systemUTC),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnBooleanProperty("ankor.verify-on-startup")
	AnkorStartupVerifier ankorStartupVerifier(AnkorAccessTokenProvider tokens) {
		return new AnkorStartupVerifier(tokens);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(ReactiveChainCondition.class)
	static class ReactiveTokenConfiguration {

		@Bean
		@ConditionalOnMissingBean(AnkorAccessTokenProvider.class)
		DefaultAnkorAccessTokenProvider ankorAccessTokenProvider(AnkorProperties properties,
				AnkorAssertionSigner signer, AnkorTokenExchange exchange,
				@Qualifier("ankorClientRegistration") ClientRegistration registration,
				ObjectProvider<ReactiveOAuth2AuthorizedClientService> reactiveAuthorizedClientService,
				ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
				@Qualifier(AnkorAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock) {
			ReactiveOAuth2AuthorizedClientService store = reactiveAuthorizedClientService
				.getIfUnique(() -> reactive(authorizedClientService.getIfUnique(), registration));
			AnkorReactiveAuthorizedClientSource source = new AnkorReactiveAuthorizedClientSource(registration, store,
					signer, new AnkorReactiveTokenResponseClient(properties.getHttp(), exchange),
					properties.getRefreshMargin());
			return DefaultAnkorAccessTokenProvider.nonBlocking((replacing) -> source.obtain(replacing).toFuture(),
					clock.getIfAvailable(Clock::systemUTC), properties.getRefreshMargin());
		}

		/**
		 * A blocking store (JDBC) works off the event loop, and falls back to memory as
		 * in the blocking chain.
		 */
		private static ReactiveOAuth2AuthorizedClientService reactive(OAuth2AuthorizedClientService applicationStore,
				ClientRegistration registration) {
			if (applicationStore == null) {
				return null;
			}
			OAuth2AuthorizedClientService blocking = new AnkorAuthorizedClientSource.FallbackAuthorizedClientService(
					applicationStore,
					new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(registration)));
			return new ReactiveOAuth2AuthorizedClientService() {

				@Override
				public <T extends OAuth2AuthorizedClient> Mono<T> loadAuthorizedClient(String registrationId,
						String principal) {
					return Mono.fromCallable(() -> blocking.<T>loadAuthorizedClient(registrationId, principal))
						.subscribeOn(Schedulers.boundedElastic());
				}

				@Override
				public Mono<Void> saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
					return Mono.fromRunnable(() -> blocking.saveAuthorizedClient(client, principal))
						.subscribeOn(Schedulers.boundedElastic())
						.then();
				}

				@Override
				public Mono<Void> removeAuthorizedClient(String registrationId, String principal) {
					return Mono.fromRunnable(() -> blocking.removeAuthorizedClient(registrationId, principal))
						.subscribeOn(Schedulers.boundedElastic())
						.then();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(BlockingChainCondition.class)
	static class BlockingTokenConfiguration {

		@Bean
		@ConditionalOnMissingBean(AnkorAccessTokenProvider.class)
		DefaultAnkorAccessTokenProvider ankorAccessTokenProvider(AnkorProperties properties,
				AnkorAssertionSigner signer, AnkorTokenExchange exchange,
				@Qualifier("ankorClientRegistration") ClientRegistration registration,
				ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
				ObjectProvider<ReactiveOAuth2AuthorizedClientService> reactiveAuthorizedClientService,
				@Qualifier(AnkorAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock) {
			OAuth2AuthorizedClientService store = authorizedClientService
				.getIfUnique(() -> blocking(reactiveAuthorizedClientService.getIfUnique()));
			AnkorAuthorizedClientSource source = new AnkorAuthorizedClientSource(registration, store, signer,
					new AnkorTokenResponseClient(properties.getHttp(), exchange), properties.getRefreshMargin());
			return DefaultAnkorAccessTokenProvider.blocking(source::obtain, clock.getIfAvailable(Clock::systemUTC),
					properties.getRefreshMargin());
		}

		/** The token provider calls its store from its own thread, where blocking is fine. */
		private static OAuth2AuthorizedClientService blocking(ReactiveOAuth2AuthorizedClientService reactive) {
			if (reactive == null) {
				return null;
			}
			return new OAuth2AuthorizedClientService() {

				@Override
				public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
						String principal) {
					return reactive.<T>loadAuthorizedClient(registrationId, principal).block();
				}

				@Override
				public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
					reactive.saveAuthorizedClient(client, principal).block();
				}

				@Override
				public void removeAuthorizedClient(String registrationId, String principal) {
					reactive.removeAuthorizedClient(registrationId, principal).block();
				}

			};
		}

	}

	/**
	 * A reactive web application with {@code WebClient}: the reactive chain.
	 */
	static class ReactiveChainCondition extends AllNestedConditions {

		ReactiveChainCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		static class ReactiveWebApplication {

		}

		@ConditionalOnClass(WebClient.class)
		static class WebClientPresent {

		}

	}

	/**
	 * Any other application: the blocking chain.
	 */
	static class BlockingChainCondition extends NoneNestedConditions {

		BlockingChainCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@Conditional(ReactiveChainCondition.class)
		static class ReactiveChain {

		}

	}

}
