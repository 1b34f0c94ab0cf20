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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.ankor.spring.boot.accounts.AccountSettings;
import io.ankor.spring.boot.accounts.AnkorAccountRegistry;
import io.ankor.spring.boot.accounts.CredentialSwitch;
import io.ankor.spring.boot.actuate.AnkorHealthIndicator;
import io.ankor.spring.boot.actuate.AnkorTokenMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Ankor's production features: the {@code ankor} health
 * indicator, the token meters and the private-key sanitizing function (which stays with
 * {@code ankor.enabled=false}, since the key may still be set). Health and meters
 * read the token provider through {@link AnkorTokenStatusSource}; they back off, saying
 * so once at startup, when an application's own provider does not implement it.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorAccountsAutoConfiguration.class)
@Import({ AnkorObservabilityAutoConfiguration.HealthConfiguration.class,
		AnkorObservabilityAutoConfiguration.MetricsConfiguration.class,
		AnkorObservabilityAutoConfiguration.NoStatusConfiguration.class,
		AnkorObservabilityAutoConfiguration.SanitizingConfiguration.class })
public final class AnkorObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean({ AnkorTokenStatusSource.class, AnkorAccessTokenProvider.class })
	@ConditionalOnEnabledHealthIndicator("ankor")
	static class HealthConfiguration {

		/**
		 * The {@code ankor} health component: the default account's indicator or, once
		 * {@code ankor.accounts} is set, one indicator per account.
		 */
		@Bean
		@ConditionalOnMissingBean(name = { "ankorHealthIndicator", "ankorHealthContributor" })
		HealthContributor ankorHealthContributor(AnkorTokenStatusSource status, AnkorAccessTokenProvider tokens,
				AnkorProperties properties, ObjectProvider<AnkorAccountRegistry> accounts,
				ObjectProvider<CredentialSwitch> credentialSwitch) {
			AnkorHealthIndicator defaultAccount = new AnkorHealthIndicator(status, tokens,
					scopes(credentialSwitch, AnkorAccounts.DEFAULT, properties.getScopes()),
					properties.getHealth().isInitialFetch(), problem(credentialSwitch, AnkorAccounts.DEFAULT));
			if (properties.getAccounts().isEmpty()) {
				return defaultAccount;
			}
			Map<String, HealthContributor> indicators = new LinkedHashMap<>();
			indicators.put(AnkorAccounts.DEFAULT, defaultAccount);
			AnkorAccountRegistry registry = accounts.getIfAvailable();
			if (registry != null) {
				registry.getNames().stream().skip(1).forEach((name) -> {
					AccountSettings settings = registry.getSettings(name);
					AnkorAccessTokenProvider provider = registry.getTokenProvider(name);
					indicators.put(name,
							new AnkorHealthIndicator((AnkorTokenStatusSource) provider, provider,
									scopes(credentialSwitch, name, settings.scopes()), settings.healthInitialFetch(),
									problem(credentialSwitch, name)));
				});
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

		/** The scopes an account is configured with now: they may change with its credentials. */
		private static Supplier<List<String>> scopes(ObjectProvider<CredentialSwitch> credentialSwitch, String name,
				List<String> atStartup) {
			return () -> {
				CredentialSwitch switcher = credentialSwitch.getIfAvailable();
				return (switcher != null) ? switcher.settings(name).scopes() : atStartup;
			};
		}

		/** Why an account's new credentials were not used, and why its files are no longer read. */
		private static Supplier<@Nullable String> problem(ObjectProvider<CredentialSwitch> credentialSwitch,
				String name) {
			return () -> {
				CredentialSwitch switcher = credentialSwitch.getIfAvailable();
				return (switcher != null) ? switcher.problem(name) : null;
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean(AnkorTokenStatusSource.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AnkorTokenMetrics ankorTokenMetrics(AnkorTokenStatusSource status, AnkorProperties properties,
				ObjectProvider<AnkorAccountRegistry> accounts) {
			AnkorAccountRegistry registry = accounts.getIfAvailable();
			if (registry == null || properties.getAccounts().isEmpty()) {
				return new AnkorTokenMetrics(status);
			}
			Map<String, AnkorTokenStatusSource> sources = new LinkedHashMap<>();
			sources.put(AnkorAccounts.DEFAULT, status);
			registry.getNames().stream().skip(1).forEach((name) -> {
				if (registry.getTokenProvider(name) instanceof AnkorTokenStatusSource source) {
					sources.put(name, source);
				}
			});
			return new AnkorTokenMetrics(sources);
		}

	}

	/**
	 * Says why health and meters are missing when the application's own provider keeps
	 * no status.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
	@ConditionalOnBean(AnkorAccessTokenProvider.class)
	@ConditionalOnMissingBean(AnkorTokenStatusSource.class)
	static class NoStatusConfiguration {

		private static final Log logger = LogFactory.getLog(AnkorObservabilityAutoConfiguration.class);

		NoStatusConfiguration(AnkorAccessTokenProvider tokens) {
			logger.info("Ankor: no 'ankor' health indicator and no ankor.token.* meters, because the application's "
					+ tokens.getClass().getName() + " does not implement "
					+ AnkorTokenStatusSource.class.getName() + "; implement it to keep them");
		}

	}

	/**
	 * Masks private keys in the actuator's views even when {@code ankor.enabled=false}:
	 * the key may still be set.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		/**
		 * Masks private keys however they reach the environment: {@code ankor.private-key},
		 * {@code ANKOR_PRIVATE_KEY}, the {@code privateKey} of {@code configprops}, or any
		 * value holding a PEM private key.
		 */
		@Bean
		SanitizingFunction ankorPrivateKeySanitizingFunction() {
			return SanitizingFunction.sanitizeValue()
				.ifKeyMatches((key) -> key.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT).endsWith("privatekey"))
				.ifValueStringMatches("(?s).*-----BEGIN[A-Z ]*PRIVATE KEY-----.*");
		}

	}

}
