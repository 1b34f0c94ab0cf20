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

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.ankor.spring.boot.actuate.AnkorHealthIndicator;
import io.ankor.spring.boot.actuate.AnkorSanitizingFunctions;
import io.ankor.spring.boot.actuate.AnkorTokenMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * Auto-configuration} of Ankor's production features: the {@code ankor} health
 * indicator, the token meters and the private-key sanitizing function. Health and meters
 * read the token provider through {@link AnkorTokenStatusSource}; they back off, saying
 * so once at startup, when an application's own provider does not implement it.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorTokenAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
@Import({ AnkorObservabilityAutoConfiguration.HealthConfiguration.class,
		AnkorObservabilityAutoConfiguration.MetricsConfiguration.class,
		AnkorObservabilityAutoConfiguration.NoStatusConfiguration.class,
		AnkorObservabilityAutoConfiguration.SanitizingConfiguration.class })
public final class AnkorObservabilityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnBean({ AnkorTokenStatusSource.class, AnkorAccessTokenProvider.class })
	@ConditionalOnEnabledHealthIndicator("ankor")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "ankorHealthIndicator")
		AnkorHealthIndicator ankorHealthIndicator(AnkorTokenStatusSource status, AnkorAccessTokenProvider tokens,
				AnkorProperties properties) {
			return new AnkorHealthIndicator(status, tokens, properties.getScopes(),
					properties.getHealth().isInitialFetch());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean(AnkorTokenStatusSource.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AnkorTokenMetrics ankorTokenMetrics(AnkorTokenStatusSource status) {
			return new AnkorTokenMetrics(status);
		}

	}

	/**
	 * Says why health and meters are missing when the application's own provider keeps
	 * no status.
	 */
	@Configuration(proxyBeanMethods = false)
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SanitizingConfiguration {

		@Bean
		SanitizingFunction ankorPrivateKeySanitizingFunction() {
			return AnkorSanitizingFunctions.privateKeys();
		}

	}

}
