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

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an {@code ankor.*} value that cannot be converted to its type, such as an
 * unknown {@code ankor.grant-type} or a malformed duration, in the property's own terms.
 * Runs before Spring Boot's generic analyzer and never shows the value of a key property.
 *
 * @author Ankor starter team
 */
class AnkorBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (cause.getProperty() == null || !cause.getName().toString().startsWith("ankor.")) {
			return null;
		}
		String property = cause.getProperty().getName().toString();
		Object value = cause.getProperty().getValue();
		boolean secret = property.endsWith("private-key") || property.endsWith("public-key");
		String shown = secret ? "" : " '" + value + "'";
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		String description = "The Ankor starter could not be configured: property '%s' has an invalid value%s."
			.formatted(property, shown);
		return new FailureAnalysis(description, action(property, type), cause);
	}

	private static String action(String property, Class<?> type) {
		if (type.isEnum()) {
			String values = Arrays.stream(type.getEnumConstants())
				.map((constant) -> "'" + constant.toString().toLowerCase(Locale.ROOT).replace('_', '-') + "'")
				.collect(Collectors.joining(" or "));
			return "Set '" + property + "' to " + values + ".";
		}
		if (Duration.class.equals(type)) {
			return "Set '" + property + "' to a duration such as '30s', '5m' or 'PT1H'.";
		}
		if (Boolean.class.equals(type) || boolean.class.equals(type)) {
			return "Set '" + property + "' to 'true' or 'false'.";
		}
		return "Set '" + property + "' to a valid " + type.getSimpleName() + ".";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
