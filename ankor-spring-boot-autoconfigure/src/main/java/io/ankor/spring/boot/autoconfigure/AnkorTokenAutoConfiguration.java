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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of token acquisition: the token response client and Spring
 * Security's JWT-bearer machinery behind an {@link AnkorAccessTokenProvider}.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(AnkorAssertionSigner.class)
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
	@ConditionalOnMissingBean(AnkorAccessTokenProvider.class)
	DefaultAnkorAccessTokenProvider ankorAccessTokenProvider(AnkorProperties properties, AnkorAssertionSigner signer,
			@Qualifier("ankorClientRegistration") ClientRegistration registration,
			ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> reactiveAuthorizedClientService,
			@Qualifier(AnkorAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clockProvider,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
		AnkorTokenResponseClient tokenResponseClient = new AnkorTokenResponseClient(properties, signer, clock,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		OAuth2AuthorizedClientService applicationStore = authorizedClientService.getIfUnique(
				() -> blocking(reactiveAuthorizedClientService.getIfUnique()));
		AnkorAuthorizedClientSource source = new AnkorAuthorizedClientSource(registration, applicationStore, signer,
				tokenResponseClient, properties.getRefreshMargin());
		return new DefaultAnkorAccessTokenProvider(source::obtain, clock, properties.getRefreshMargin());
	}

	/** The token provider calls its store from its own thread, where blocking is fine. */
	private static OAuth2AuthorizedClientService blocking(ReactiveOAuth2AuthorizedClientService reactive) {
		if (reactive == null) {
			return null;
		}
		return new OAuth2AuthorizedClientService() {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principal) {
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

	@Bean
	@ConditionalOnBooleanProperty("ankor.verify-on-startup")
	AnkorStartupVerifier ankorStartupVerifier(AnkorAccessTokenProvider tokens) {
		return new AnkorStartupVerifier(tokens);
	}

}
