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

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.ankor.spring.boot.AnkorConfigurationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Checks {@link AnkorProperties} before any key is loaded: every failure names the
 * property at fault and says how to fix it.
 *
 * @author Ankor starter team
 */
final class AnkorPropertiesValidator {

	/** The longest timeout, backoff or wait accepted. */
	private static final Duration MAX_DURATION = Duration.ofHours(1);

	/** The shortest assertion lifetime accepted: JWT times are whole seconds. */
	private static final Duration MIN_ASSERTION_LIFETIME = Duration.ofSeconds(1);

	/** A URL's user-info: up to the last '@', since a password may hold '/', '?' or '#'. */
	private static final Pattern USER_INFO = Pattern.compile("(?<=//).*@");

	private static final Log logger = LogFactory.getLog(AnkorPropertiesValidator.class);

	private AnkorPropertiesValidator() {
	}

	/**
	 * Warns when a company URI does not begin with {@code https://}: Ankor's Company URLs
	 * do, and Ankor compares {@code iss} and {@code sub} with the Company URL character for
	 * character, so its first token request would be refused.
	 * @param prefix where the URI comes from: {@code ankor} or {@code ankor.accounts.<name>}
	 * @param companyUri the company URI
	 */
	static void warnIfNotHttps(String prefix, @Nullable String companyUri) {
		if (companyUri != null && !companyUri.strip().regionMatches(true, 0, "https://", 0, 8)) {
			logger.warn("'" + prefix + ".company-uri' is '" + withoutUserInfo(companyUri.strip())
					+ "', which does not begin with 'https://' as Ankor's Company URLs do (Settings > Company Details); "
					+ "Ankor compares it character for character and would refuse every token request");
		}
	}

	/**
	 * Checks every property that can be checked without loading keys.
	 * @throws AnkorConfigurationException naming the first property at fault, with the
	 * others at fault as suppressed exceptions
	 */
	static void validate(AnkorProperties properties) {
		validate(properties, "ankor");
	}

	/**
	 * Checks every property that can be checked without loading keys.
	 * @param properties the properties of one account
	 * @param prefix where they come from: {@code ankor} or {@code ankor.accounts.<name>}
	 * @throws AnkorConfigurationException naming the first property at fault, with the
	 * others at fault as suppressed exceptions
	 */
	static void validate(AnkorProperties properties, String prefix) {
		List<AnkorConfigurationException> problems = new ArrayList<>();
		add(problems, companyUriProblem(prefix, properties.getCompanyUri()));
		if (!StringUtils.hasText(properties.getKeyId())) {
			problems.add(new AnkorConfigurationException(prefix + ".key-id", "is missing",
					"Set '" + prefix + ".key-id' to the Key ID shown in Ankor under Settings > Key generation."));
		}
		if (!StringUtils.hasText(properties.getPrivateKey())) {
			problems.add(new AnkorConfigurationException(prefix + ".private-key", "is missing",
					"Set '" + prefix + ".private-key' to the PEM private key generated in Ankor under Settings > Key generation, "
							+ "or to a 'classpath:' or 'file:' location of it."));
		}
		add(problems, httpUrlProblem(prefix + ".api-url", properties.getApiUrl(), true));
		add(problems, httpUrlProblem(prefix + ".token-uri", properties.getTokenUri(), false));
		if (!StringUtils.hasText(properties.getAudience())) {
			problems.add(new AnkorConfigurationException(prefix + ".audience", "is blank",
					"Remove '" + prefix + ".audience' to use Ankor's audience 'ankor.io', or set it to the audience Ankor expects."));
		}
		if (!hasScopes(properties.getScopes())) {
			problems.add(new AnkorConfigurationException(prefix + ".scopes", "is empty or holds a blank scope",
					"Set '" + prefix + ".scopes' to the scopes your application needs, for example 'website:read:*' "
							+ "(Retail Agent Website API) or 'entity:*' (Central Agent Entity API)."));
		}
		if (properties.getGrantType() == null) {
			problems.add(new AnkorConfigurationException(prefix + ".grant-type", "is missing",
					"Set '" + prefix + ".grant-type' to 'jwt-bearer' (the default) or 'client-credentials'."));
		}
		add(problems, assertionLifetimeProblem(prefix, properties.getAssertionLifetime()));
		add(problems, durationProblem(prefix + ".refresh-margin", properties.getRefreshMargin(), false,
				"Set '" + prefix + ".refresh-margin' to how long before expiry a token is renewed, for example '1m'."));
		AnkorHttpProperties http = properties.getHttp();
		add(problems, durationProblem(prefix + ".http.connect-timeout", http.getConnectTimeout(), true,
				"Set '" + prefix + ".http.connect-timeout' to a positive duration, for example '5s'."));
		add(problems, durationProblem(prefix + ".http.read-timeout", http.getReadTimeout(), true,
				"Set '" + prefix + ".http.read-timeout' to a positive duration, for example '10s'."));
		add(problems, durationProblem(prefix + ".http.initial-backoff", http.getInitialBackoff(), true,
				"Set '" + prefix + ".http.initial-backoff' to a positive duration, for example '200ms'."));
		add(problems, durationProblem(prefix + ".http.max-wait", http.getMaxWait(), true,
				"Set '" + prefix + ".http.max-wait' to how long a caller may wait for a token, for example '10s'."));
		add(problems, durationProblem(prefix + ".http.retry-budget", http.getRetryBudget(), false,
				"Set '" + prefix + ".http.retry-budget' to how long a token request may retry, for example '30s', "
						+ "or 0 for no retries."));
		throwIfAny(problems);
	}

	/**
	 * Throws one failure that names every property at fault, not one restart per
	 * property: the first problem, with the others, and those each of them names,
	 * suppressed in it.
	 * @param problems the problems, each of which may be a failure of several
	 */
	static void throwIfAny(List<AnkorConfigurationException> problems) {
		if (problems.isEmpty()) {
			return;
		}
		AnkorConfigurationException first = problems.get(0);
		List<Throwable> named = new ArrayList<>(List.of(first.getSuppressed()));
		for (int i = 1; i < problems.size(); i++) {
			// each may be a failure of several: every problem it names is named once, at the top
			List<Throwable> more = new ArrayList<>(List.of(problems.get(i)));
			more.addAll(List.of(problems.get(i).getSuppressed()));
			for (Throwable problem : more) {
				if (problem instanceof AnkorConfigurationException && !named.contains(problem)) {
					first.addSuppressed(problem);
					named.add(problem);
				}
			}
		}
		throw first;
	}

	/**
	 * The problems a failure names: itself, and those suppressed in it.
	 * @param failure a failure from {@link #validate} or {@link #throwIfAny}
	 * @return its problems, in order
	 */
	static List<AnkorConfigurationException> problems(AnkorConfigurationException failure) {
		List<AnkorConfigurationException> problems = new ArrayList<>();
		problems.add(failure);
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof AnkorConfigurationException problem) {
				problems.add(problem);
			}
		}
		return problems;
	}

	private static void add(List<AnkorConfigurationException> problems,
			@Nullable AnkorConfigurationException problem) {
		if (problem != null) {
			problems.add(problem);
		}
	}

	private static boolean hasScopes(@Nullable List<String> scopes) {
		if (scopes == null || scopes.isEmpty()) {
			return false;
		}
		for (String scope : scopes) {
			if (!StringUtils.hasText(scope)) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable AnkorConfigurationException companyUriProblem(String prefix,
			@Nullable String companyUri) {
		if (!StringUtils.hasText(companyUri)) {
			return new AnkorConfigurationException(prefix + ".company-uri", "is missing",
					"Set '" + prefix + ".company-uri' to the Company URL shown in Ankor under Settings > Company Details.");
		}
		URI uri = parseUri(companyUri);
		if (uri == null || !uri.isAbsolute()) {
			return new AnkorConfigurationException(prefix + ".company-uri", "is not an absolute URI",
					"Set '" + prefix + ".company-uri' to the Company URL exactly as Ankor shows it under Settings > Company Details "
							+ "(an absolute URI such as 'https://example.ankor.io/company/123').");
		}
		return null;
	}

	private static @Nullable AnkorConfigurationException httpUrlProblem(String property,
			@Nullable String value, boolean required) {
		if (!StringUtils.hasText(value)) {
			return (!required) ? null : new AnkorConfigurationException(property, "is missing",
					"Set '" + property + "' to the base URL of Ankor's API, for example 'https://api.ankor.io'.");
		}
		URI uri = parseUri(value);
		String scheme = (uri != null) ? uri.getScheme() : null;
		if (uri == null || uri.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			return new AnkorConfigurationException(property,
					"is not an http or https URL: '" + withoutUserInfo(value) + "'",
					"Set '" + property + "' to an absolute http(s) URL such as 'https://api.ankor.io'.");
		}
		if (uri.getRawUserInfo() != null) {
			return new AnkorConfigurationException(property,
					"is '" + withoutUserInfo(value) + "' with a user name or password in it",
					"Remove the user information from '" + property + "': Ankor authenticates with the starter's "
							+ "Bearer token, and a password in a URL ends up in logs.");
		}
		if ("http".equalsIgnoreCase(scheme) && !isLoopback(uri.getHost())) {
			return new AnkorConfigurationException(property,
					"is '" + withoutUserInfo(value) + "', which would send assertions and access tokens in cleartext",
					"Set '" + property + "' to an https URL such as 'https://api.ankor.io'; plain http is only for "
							+ "this machine's own loopback addresses (localhost, 127.0.0.0/8, [::1]), such as a "
							+ "local Ankor simulator.");
		}
		return null;
	}

	/**
	 * Whether a host names this machine's loopback interface, without a DNS lookup:
	 * {@code localhost}, an IPv4 literal in {@code 127.0.0.0/8} or {@code [::1]}.
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]")) {
			return true;
		}
		String[] octets = name.split("\\.");
		if (octets.length != 4 || !octets[0].equals("127")) {
			return false;
		}
		for (String octet : octets) {
			if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	/** A URL as it may be shown: without the password or user of its user-info. */
	static String withoutUserInfo(String url) {
		return USER_INFO.matcher(url).replaceAll("");
	}

	private static @Nullable AnkorConfigurationException assertionLifetimeProblem(String prefix,
			@Nullable Duration lifetime) {
		// JWT times are whole seconds: under a second, 'exp' would equal 'iat'
		if (lifetime == null || lifetime.compareTo(MIN_ASSERTION_LIFETIME) < 0
				|| lifetime.compareTo(MAX_DURATION) > 0) {
			return new AnkorConfigurationException(prefix + ".assertion-lifetime",
					"is " + lifetime + ": it must be at least 1s and at most 1h (Ankor's limit)",
					"Set '" + prefix + ".assertion-lifetime' to a duration between 1s and 1h, or remove it to use 5m.");
		}
		return null;
	}

	private static @Nullable AnkorConfigurationException durationProblem(String property, @Nullable Duration value,
			boolean strict, String action) {
		if (value == null || value.isNegative() || (strict && value.isZero()) || value.compareTo(MAX_DURATION) > 0) {
			return new AnkorConfigurationException(property, "is " + value + ": it must be "
					+ (strict ? "more than 0" : "0 or more") + " and at most 1h", action);
		}
		return null;
	}

	private static @Nullable URI parseUri(String value) {
		try {
			return new URI(value.strip());
		}
		catch (Exception ex) {
			return null;
		}
	}

}
