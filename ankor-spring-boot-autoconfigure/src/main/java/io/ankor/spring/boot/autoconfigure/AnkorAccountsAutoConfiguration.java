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

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.core.io.ResourceLoader;

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
@Import(AnkorAccountsAutoConfiguration.EnvironmentChangeConfiguration.class)
public final class AnkorAccountsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(AnkorAccounts.class)
	AnkorAccountRegistry ankorAccounts(Environment environment, ResourceLoader resourceLoader,
			ListableBeanFactory beanFactory, AnkorProperties properties, AnkorSettings settings,
			DefaultAccountCredentials credentials,
			AnkorAccessTokenProvider tokens, AnkorAccountFactory factory) {
		return new AnkorAccountRegistry(environment, resourceLoader, factory, beanFactory, properties,
				settings.connectionFromProperties() ? null : settings.properties(),
				credentials, tokens);
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
				ObjectProvider<AnkorAccountRegistry> accounts) {
			return (event) -> {
				// 'ankor.key-id', or 'ANKOR_KEY_ID' from the environment
				boolean ankorChanged = event.getKeys()
					.stream()
					.anyMatch((key) -> key.toLowerCase(Locale.ROOT).startsWith("ankor"));
				AnkorAccountRegistry registry = accounts.getIfAvailable();
				if (ankorChanged && registry != null) {
					registry.requestRefresh();
				}
			};
		}

	}

}
