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

import java.util.Set;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing Ankor bean when the starter was switched off with
 * {@code ankor.enabled=false}, instead of Spring's generic "required a bean" failure.
 *
 * @author Ankor starter team
 */
class AnkorDisabledFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

	private static final Set<String> ANKOR_BEANS = Set.of("ankorWebClient", "ankorRestClient",
			"ankorAccessTokenProvider", "ankorAccounts", "ankorClientRegistration");

	private final Environment environment;

	AnkorDisabledFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		// before Spring Boot's own analysis of missing beans
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		String bean = ankorBean(rootFailure, cause);
		// read as the starter's condition reads it: only 'true' (or nothing) switches it on
		String enabled = this.environment.getProperty("ankor.enabled");
		if (bean == null || enabled == null || "true".equalsIgnoreCase(enabled)) {
			return null;
		}
		return new FailureAnalysis("The application needs the Ankor bean " + bean + ", but the Ankor starter is "
				+ "switched off: 'ankor.enabled' is " + ("false".equalsIgnoreCase(enabled) ? "false"
						: "'" + enabled + "', which is not 'true'")
				+ ", so no Ankor client or token provider exists.",
				"Remove 'ankor.enabled=" + enabled + "' (or set it to true) and set the ankor.* properties, or define "
						+ "the bean yourself.",
				cause);
	}

	/** The Ankor bean that is missing, by name or qualifier or public type, or {@code null}. */
	private static @Nullable String ankorBean(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		if (cause.getBeanName() != null) {
			return ANKOR_BEANS.contains(cause.getBeanName()) ? "'" + cause.getBeanName() + "'" : null;
		}
		for (Throwable failure = rootFailure; failure != null; failure = failure.getCause()) {
			String message = String.valueOf(failure.getMessage());
			for (String name : ANKOR_BEANS) {
				if (message.contains("\"" + name + "\"")) {
					return "'" + name + "'";
				}
			}
		}
		Class<?> type = (cause.getResolvableType() != null) ? cause.getResolvableType().resolve() : null;
		return (type == AnkorAccessTokenProvider.class || type == AnkorTokenStatusSource.class
				|| type == AnkorAccounts.class) ? "of type " + type.getSimpleName() : null;
	}

}
