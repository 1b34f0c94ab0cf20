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

import java.util.Locale;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the starter's production features, each on when its library is
 * present: the {@code ankor} health indicator (Spring Boot health), token meters
 * (Micrometer) and the masking of {@code ankor.private-key} in Actuator's {@code env} and
 * {@code configprops} endpoints.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorTokenAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
@Import({ AnkorObservabilityAutoConfiguration.HealthConfiguration.class,
		AnkorObservabilityAutoConfiguration.MetricsConfiguration.class,
		AnkorObservabilityAutoConfiguration.SanitizingConfiguration.class })
public final class AnkorObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean(DefaultAnkorAccessTokenProvider.class)
	@ConditionalOnEnabledHealthIndicator("ankor")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "ankorHealthIndicator")
		AnkorHealthIndicator ankorHealthIndicator(DefaultAnkorAccessTokenProvider tokens, AnkorProperties properties) {
			return new AnkorHealthIndicator(tokens, properties.getScopes(), properties.getHealth().isInitialFetch());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean(DefaultAnkorAccessTokenProvider.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AnkorTokenMetrics ankorTokenMetrics(DefaultAnkorAccessTokenProvider tokens) {
			return new AnkorTokenMetrics(tokens);
		}

	}

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
