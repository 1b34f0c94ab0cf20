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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ankor.spring.boot.AnkorConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.StringUtils;

/**
 * Names, at startup, each key under {@code ankor.} that is not an Ankor property, with the
 * one most likely meant: a mistyped {@code ankor.accounts.blue.privat-key} fails startup as
 * a missing {@code private-key} that says what was set instead, and any other unknown key
 * gets a WARN. Environment variables are left out: their names cannot be told apart from
 * a mistype.
 *
 * @author Ankor starter team
 */
final class AnkorUnknownProperties {

	private static final Log logger = LogFactory.getLog(AnkorUnknownProperties.class);

	/** The settings of an account, under {@code ankor.} or {@code ankor.accounts.<name>.}. */
	static final List<String> ACCOUNT_PROPERTIES = List.of("enabled", "company-uri", "key-id", "private-key",
			"public-key", "api-url", "token-uri", "audience", "scopes", "grant-type", "assertion-lifetime",
			"refresh-margin", "http.connect-timeout", "http.read-timeout", "http.initial-backoff", "http.retry-budget",
			"http.max-wait", "verify-on-startup", "health.initial-fetch", "reload-on-update");

	/** {@link #ACCOUNT_PROPERTIES} in uniform form: without dashes, lower case. */
	private static final Set<String> KNOWN = ACCOUNT_PROPERTIES.stream()
		.map((property) -> property.replace("-", ""))
		.collect(Collectors.toUnmodifiableSet());

	/** What only {@code ankor.} has: further accounts, and the test module's simulator. */
	private static final Set<String> TOP_LEVEL_PREFIXES = Set.of("accounts", "simulator");

	/** What an account cannot work without, when its connection comes from properties. */
	private static final Set<String> REQUIRED = Set.of("company-uri", "key-id", "private-key", "api-url");

	/** What a further account cannot work without: the rest it may inherit. */
	private static final Set<String> REQUIRED_OF_FURTHER_ACCOUNTS = Set.of("key-id", "private-key");

	private AnkorUnknownProperties() {
	}

	/**
	 * Checks the {@code ankor.*} keys of the environment.
	 * @param environment the environment
	 * @param connectionFromProperties whether the default account's connection comes from
	 * {@code ankor.*} (not from a bean such as the local simulator's)
	 * @throws AnkorConfigurationException naming a required property that is missing while
	 * a key that looks like it is set
	 */
	static void check(Environment environment, boolean connectionFromProperties) {
		List<AnkorConfigurationException> problems = new ArrayList<>();
		for (ConfigurationPropertyName name : ankorNames(environment)) {
			// ankor.<rest>, or ankor.accounts.<account>.<rest>
			int restStart = 1;
			String prefix = "ankor";
			if (name.getNumberOfElements() > 3 && "accounts".equals(name.getElement(1, Form.UNIFORM))) {
				restStart = 3;
				prefix = "ankor.accounts." + name.getElement(2, Form.ORIGINAL);
			}
			else if (name.getNumberOfElements() > 1
					&& TOP_LEVEL_PREFIXES.contains(name.getElement(1, Form.UNIFORM))) {
				continue;
			}
			String rest = elements(name, restStart, Form.UNIFORM);
			if (rest.isEmpty() || KNOWN.contains(rest)) {
				continue;
			}
			String key = prefix + "." + elements(name, restStart, Form.DASHED);
			String meant = likelyMeant(elements(name, restStart, Form.DASHED));
			boolean further = !"ankor".equals(prefix);
			Set<String> required = further ? REQUIRED_OF_FURTHER_ACCOUNTS
					: (connectionFromProperties ? REQUIRED : Set.of());
			if (meant != null && required.contains(meant) && !isSet(environment, prefix + "." + meant)
					&& !"false".equalsIgnoreCase(environment.getProperty(prefix + ".enabled"))) {
				problems.add(new AnkorConfigurationException(prefix + "." + meant,
						"is missing, and '" + key + "', which is not an Ankor property, is set",
						"Rename '" + key + "' to '" + prefix + "." + meant + "'."));
			}
			else {
				logger.warn("'" + key + "' is not an Ankor property and is ignored"
						+ ((meant != null) ? "; did you mean '" + prefix + "." + meant + "'?" : ""));
			}
		}
		AnkorPropertiesValidator.throwIfAny(problems);
	}

	/** Every property name under {@code ankor.} in the environment, once. */
	private static Set<ConfigurationPropertyName> ankorNames(Environment environment) {
		Set<ConfigurationPropertyName> names = new LinkedHashSet<>();
		ConfigurationPropertyName ankor = ConfigurationPropertyName.of("ankor");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
					|| !(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(ankor::isAncestorOf).stream().forEach(names::add);
		}
		return names;
	}

	/**
	 * The elements of a name from an index on, indexes left out, joined with dots: in
	 * {@link Form#UNIFORM uniform} form, {@code private-key}, {@code privateKey} and
	 * {@code private_key} are one.
	 */
	private static String elements(ConfigurationPropertyName name, int from, Form form) {
		StringBuilder elements = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			if (!name.isNumericIndex(i)) {
				elements.append((elements.length() > 0) ? "." : "").append(name.getElement(i, form));
			}
		}
		return elements.toString();
	}

	private static boolean isSet(Environment environment, String key) {
		return StringUtils.hasText(environment.getProperty(key));
	}

	/** The Ankor property closest to an unknown one, if any is close enough to be meant. */
	static @Nullable String likelyMeant(String unknown) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String known : ACCOUNT_PROPERTIES) {
			int distance = distance(unknown, known);
			if (distance < bestDistance) {
				best = known;
				bestDistance = distance;
			}
		}
		return (bestDistance <= Math.max(2, unknown.length() / 4)) ? best : null;
	}

	/** Levenshtein's distance: single-character insertions, deletions and substitutions. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
