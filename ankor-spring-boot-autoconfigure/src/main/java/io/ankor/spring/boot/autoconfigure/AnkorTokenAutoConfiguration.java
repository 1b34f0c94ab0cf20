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
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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

	@Bean
	@ConditionalOnMissingBean(AnkorAccessTokenProvider.class)
	DefaultAnkorAccessTokenProvider ankorAccessTokenProvider(AnkorProperties properties, AnkorAssertionSigner signer,
			ObjectProvider<Clock> clockProvider, ObjectProvider<ObservationRegistry> observationRegistry) {
		Clock clock = clockProvider.getIfUnique(Clock::systemUTC);
		AnkorTokenResponseClient tokenResponseClient = new AnkorTokenResponseClient(properties, signer, clock,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
		AnkorAuthorizedClientSource source = new AnkorAuthorizedClientSource(properties, signer, tokenResponseClient,
				clock);
		return new DefaultAnkorAccessTokenProvider(source::obtain, clock, properties.getRefreshMargin());
	}

	@Bean
	@ConditionalOnBooleanProperty("ankor.verify-on-startup")
	AnkorStartupVerifier ankorStartupVerifier(AnkorAccessTokenProvider tokens) {
		return new AnkorStartupVerifier(tokens);
	}

}
