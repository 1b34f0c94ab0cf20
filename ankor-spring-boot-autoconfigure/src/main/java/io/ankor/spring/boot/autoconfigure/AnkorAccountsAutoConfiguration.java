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
import java.util.List;
import java.util.Locale;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorWebClientCustomizer;
import io.ankor.spring.boot.accounts.AccountFactory;
import io.ankor.spring.boot.accounts.AccountSettings;
import io.ankor.spring.boot.accounts.AnkorAccountRegistry;
import io.ankor.spring.boot.accounts.CredentialSwitch;
import io.ankor.spring.boot.accounts.DefaultAccountCredentials;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import io.ankor.spring.boot.web.AnkorClients;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of {@link AnkorAccounts}: the default account and one per
 * {@code ankor.accounts.<name>}, and the switch to new credentials without a restart,
 * when Spring Cloud's {@code EnvironmentChangeEvent} says {@code ankor.*} changed or
 * when credential files of an account with {@code reload-on-update} change. The switch
 * runs on the {@code ankor-credentials} thread: the event's publisher does not wait.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorClientsAutoConfiguration.class)
@ConditionalOnBean({ AnkorAccessTokenProvider.class, DefaultAccountCredentials.class })
@Import({ AnkorAccountsAutoConfiguration.RegistryConfiguration.class,
		AnkorAccountsAutoConfiguration.EnvironmentChangeConfiguration.class })
public final class AnkorAccountsAutoConfiguration {

	/**
	 * The registry, the switch to new credentials and the watch of credential files,
	 * under one condition: an application's own {@link AnkorAccounts} replaces them all.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(AnkorAccounts.class)
	static class RegistryConfiguration {

		private static final Log logger = LogFactory.getLog(AnkorAccountsAutoConfiguration.class);

		@Bean
		AnkorAccountRegistry ankorAccounts(ListableBeanFactory beanFactory, AnkorSettings settings,
				DefaultAccountCredentials credentials, AnkorAccessTokenProvider tokens, AccountFactory factory) {
			if (!settings.connectionFromProperties()) {
				logger.info("Ankor: the default account's connection comes from an AnkorConnectionDetails bean, not "
						+ "from 'ankor.*'; its credentials change only with a restart");
			}
			if (!(tokens instanceof DefaultAnkorAccessTokenProvider)) {
				logger.info("Ankor: the default account's credentials are not switched without a restart, because "
						+ "the application's own " + tokens.getClass().getName() + " is its token provider");
			}
			List<AnkorConfigurationException> problems = new ArrayList<>();
			List<AccountSettings> further = settings.further(problems);
			for (AccountSettings account : further) {
				if (!account.companyUri().equals(settings.account().companyUri())) {
					// an inherited one was warned about as the default account's
					AnkorPropertiesValidator.warnIfNotHttps(account.prefix(), account.companyUri());
				}
			}
			Clients clients = new Clients(beanFactory);
			AnkorAccountRegistry registry = new AnkorAccountRegistry(settings.account(), tokens, credentials.current(),
					further, factory, clients::webClient, clients::restClient, problems);
			if (!problems.isEmpty()) {
				registry.destroy();
				AnkorPropertiesValidator.throwIfAny(problems);
			}
			return registry;
		}

		/** Also the watch of credential files, which it starts and stops with the context. */
		@Bean
		CredentialSwitch ankorCredentialSwitch(Environment environment, AnkorSettings settings,
				AnkorAccountRegistry registry, AccountFactory factory, DefaultAccountCredentials credentials) {
			return new CredentialSwitch(registry, factory, settings.source(environment), credentials,
					settings.connectionFromProperties());
		}

		/** Fetches a token of each further account with {@code verify-on-startup}, once every bean is made. */
		@Bean
		SmartInitializingSingleton ankorAccountsStartupVerifier(AnkorAccountRegistry registry) {
			return () -> registry.getNames()
				.stream()
				.filter((name) -> !AnkorAccounts.DEFAULT.equals(name) && registry.getSettings(name).verifyOnStartup())
				.forEach((name) -> new AnkorStartupVerifier(registry.getTokenProvider(name), name)
					.afterSingletonsInstantiated());
		}

	}

	/**
	 * Makes each account's clients: the default account's are the {@code ankorWebClient}
	 * and {@code ankorRestClient} beans. Each method touches only its own client's
	 * classes.
	 */
	private record Clients(ListableBeanFactory beanFactory) {

		Object webClient(AccountSettings account, AnkorAccessTokenProvider tokens) {
			if (account.isDefault()) {
				return this.beanFactory.getBean("ankorWebClient", WebClient.class);
			}
			return AnkorClients.webClient(
					this.beanFactory.getBeanProvider(WebClient.Builder.class).getIfAvailable(WebClient::builder),
					account.apiUrl(), tokens,
					this.beanFactory.getBeanProvider(AnkorWebClientCustomizer.class).orderedStream());
		}

		Object restClient(AccountSettings account, AnkorAccessTokenProvider tokens) {
			if (account.isDefault()) {
				return this.beanFactory.getBean("ankorRestClient", RestClient.class);
			}
			return AnkorClients.restClient(
					this.beanFactory.getBeanProvider(RestClient.Builder.class).getIfAvailable(RestClient::builder),
					account.apiUrl(), tokens,
					this.beanFactory.getBeanProvider(AnkorRestClientCustomizer.class).orderedStream());
		}

	}

	/**
	 * New credentials from a changed environment: {@code /actuator/refresh}, a config
	 * server, a Kubernetes config reload.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EnvironmentChangeEvent.class)
	static class EnvironmentChangeConfiguration {

		@Bean
		ApplicationListener<EnvironmentChangeEvent> ankorEnvironmentChangeListener(
				ObjectProvider<CredentialSwitch> credentialSwitch) {
			return (event) -> {
				// 'ankor.key-id', or 'ANKOR_KEY_ID' from the environment
				boolean ankorChanged = event.getKeys()
					.stream()
					.anyMatch((key) -> key.toLowerCase(Locale.ROOT).startsWith("ankor"));
				CredentialSwitch switcher = credentialSwitch.getIfAvailable();
				if (ankorChanged && switcher != null) {
					switcher.requestRefresh();
				}
			};
		}

	}

}
