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
import java.util.ArrayList;
import java.util.List;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorClientRegistrations;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.accounts.AccountFactory;
import io.ankor.spring.boot.accounts.DefaultAccountCredentials;
import io.ankor.spring.boot.token.AnkorTokenRequestObservationConvention;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import io.ankor.spring.boot.token.TokenChains;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of token acquisition: one token pipeline for every kind of
 * application. Spring Security's JWT-bearer chain with the Ankor token response client
 * runs on the token threads every account shares, behind the
 * {@link AnkorAccessTokenProvider}.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnBean(DefaultAccountCredentials.class)
public final class AnkorTokenAutoConfiguration {

	/**
	 * Ankor's registration in Spring Security. Not a repository, so that the application's
	 * OAuth2 client configuration is untouched; an application that shares tokens through
	 * its own {@link OAuth2AuthorizedClientService} builds that service's repository with
	 * it.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "ankorClientRegistration")
	ClientRegistration ankorClientRegistration(AnkorSettings settings) {
		return AccountFactory.registration(settings.account());
	}

	/**
	 * Every account's registration, made from properties alone, so that the application's
	 * own {@link OAuth2AuthorizedClientService} can be built with them before any account
	 * is. An account whose properties are invalid is left out: startup fails with its
	 * problems all the same, when the accounts are made.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "ankorClientRegistrations")
	AnkorClientRegistrations ankorClientRegistrations(AnkorSettings settings,
			@Qualifier("ankorClientRegistration") ClientRegistration registration) {
		List<ClientRegistration> registrations = new ArrayList<>();
		registrations.add(registration);
		// an account whose properties are at fault fails startup when the accounts are made
		settings.further(new ArrayList<>())
			.forEach((account) -> registrations.add(AccountFactory.registration(account)));
		return new AnkorClientRegistrations(registrations);
	}

	@Bean
	AccountFactory ankorAccountFactory(AnkorSettings settings, ResourceLoader resourceLoader,
			ObjectProvider<OAuth2AuthorizedClientService> authorizedClientService,
			ObjectProvider<ReactiveOAuth2AuthorizedClientService> reactiveAuthorizedClientService,
			@Qualifier(AnkorAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<AnkorTokenRequestObservationConvention> observationConvention,
			ObjectProvider<AnkorTokenRequestCustomizer> tokenRequestCustomizers) {
		List<AnkorTokenRequestCustomizer> customizers = tokenRequestCustomizers.orderedStream().toList();
		// the chains make the token threads, which the factory closes: nothing may fail between the two
		TokenChains chains = new TokenChains(resourceLoader.getClassLoader(), clock.getIfAvailable(Clock::systemUTC),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
				authorizedClientService.getIfUnique(), reactiveAuthorizedClientService.getIfUnique());
		return new AccountFactory(resourceLoader, chains, customizers, settings.isTagged());
	}

	@Bean
	@ConditionalOnMissingBean(AnkorAccessTokenProvider.class)
	DefaultAnkorAccessTokenProvider ankorAccessTokenProvider(AnkorSettings settings,
			DefaultAccountCredentials credentials,
			@Qualifier("ankorClientRegistration") ClientRegistration registration, AccountFactory factory) {
		// the chain is made on the first token request: startup pays for no HTTP client and no Spring Security manager
		return factory.provider(settings.account(), credentials.current(), registration);
	}

	@Bean
	@ConditionalOnBooleanProperty("ankor.verify-on-startup")
	AnkorStartupVerifier ankorStartupVerifier(AnkorAccessTokenProvider tokens) {
		return new AnkorStartupVerifier(tokens);
	}

}
