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

import io.ankor.spring.boot.AnkorConfigurationException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Configuration properties of the Ankor starter, bound from {@code ankor.*}.
 *
 * @author Ankor starter team
 */
@ConfigurationProperties("ankor")
public class AnkorProperties implements InitializingBean {

	/** Longest assertion lifetime Ankor accepts. */
	static final Duration MAX_ASSERTION_LIFETIME = Duration.ofHours(1);

	/**
	 * Whether the Ankor starter configures anything.
	 */
	private boolean enabled = true;

	/**
	 * Company URL from Ankor's Settings, Company Details: the 'iss' and 'sub' of every
	 * assertion.
	 */
	private String companyUri;

	/**
	 * Key ID from Ankor's Settings, Key generation: the 'kid' header of every assertion.
	 */
	private String keyId;

	/**
	 * Private key that signs assertions: PEM text, or a 'classpath:' or 'file:' location
	 * of it. PKCS#8 (RSA or EC), PKCS#1 (RSA) or SEC1 (EC).
	 */
	private String privateKey;

	/**
	 * Public key (PEM text or location). When set, startup checks that it matches the
	 * private key.
	 */
	private String publicKey;

	/**
	 * Base URL of Ankor's API. The Ankor clients resolve relative URIs against it and
	 * send the access token only to its origin.
	 */
	private String apiUrl;

	/**
	 * Token endpoint. Defaults to '{api-url}/iam/oauth/token'.
	 */
	private String tokenUri;

	/**
	 * The 'aud' claim of every assertion.
	 */
	private String audience = "ankor.io";

	/**
	 * The 'scopes' claim of every assertion, for example 'website:read:*' (Retail Agent
	 * Website API) or 'entity:*' (Central Agent Entity API).
	 */
	private List<String> scopes = new ArrayList<>(List.of("website:read:*"));

	/**
	 * How the assertion is sent to the token endpoint.
	 */
	private GrantType grantType = GrantType.JWT_BEARER;

	/**
	 * Lifetime ('exp' minus 'iat') of each assertion: more than 0, at most 1h.
	 */
	private Duration assertionLifetime = Duration.ofMinutes(5);

	/**
	 * Renew an access token this long before it expires (at most half its lifetime). A
	 * token is never sent within this margin of its expiry.
	 */
	private Duration refreshMargin = Duration.ofMinutes(1);

	/**
	 * Whether startup fetches one token and fails, naming Ankor's error, when the
	 * credentials are refused. Off by default: no call to Ankor during startup.
	 */
	private boolean verifyOnStartup;

	private final Http http = new Http();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getCompanyUri() {
		return this.companyUri;
	}

	public void setCompanyUri(String companyUri) {
		this.companyUri = companyUri;
	}

	public String getKeyId() {
		return this.keyId;
	}

	public void setKeyId(String keyId) {
		this.keyId = keyId;
	}

	public String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(String privateKey) {
		this.privateKey = privateKey;
	}

	public String getPublicKey() {
		return this.publicKey;
	}

	public void setPublicKey(String publicKey) {
		this.publicKey = publicKey;
	}

	public String getApiUrl() {
		return this.apiUrl;
	}

	public void setApiUrl(String apiUrl) {
		this.apiUrl = apiUrl;
	}

	public String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(String tokenUri) {
		this.tokenUri = tokenUri;
	}

	public String getAudience() {
		return this.audience;
	}

	public void setAudience(String audience) {
		this.audience = audience;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	public GrantType getGrantType() {
		return this.grantType;
	}

	public void setGrantType(GrantType grantType) {
		this.grantType = grantType;
	}

	public Duration getAssertionLifetime() {
		return this.assertionLifetime;
	}

	public void setAssertionLifetime(Duration assertionLifetime) {
		this.assertionLifetime = assertionLifetime;
	}

	public Duration getRefreshMargin() {
		return this.refreshMargin;
	}

	public void setRefreshMargin(Duration refreshMargin) {
		this.refreshMargin = refreshMargin;
	}

	public boolean isVerifyOnStartup() {
		return this.verifyOnStartup;
	}

	public void setVerifyOnStartup(boolean verifyOnStartup) {
		this.verifyOnStartup = verifyOnStartup;
	}

	public Http getHttp() {
		return this.http;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * The token endpoint: {@code ankor.token-uri}, or {@code /iam/oauth/token} under
	 * {@code ankor.api-url}.
	 * @return the token endpoint URI
	 */
	public URI determineTokenUri() {
		if (StringUtils.hasText(this.tokenUri)) {
			return URI.create(this.tokenUri.strip());
		}
		String base = this.apiUrl.strip();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/iam/oauth/token");
	}

	@Override
	public void afterPropertiesSet() {
		if (this.enabled) {
			validate();
		}
	}

	/**
	 * Checks every property that can be checked without loading keys.
	 * @throws AnkorConfigurationException naming the first property at fault
	 */
	public void validate() {
		validateCompanyUri();
		if (!StringUtils.hasText(this.keyId)) {
			throw new AnkorConfigurationException("ankor.key-id", "is missing",
					"Set 'ankor.key-id' to the Key ID shown in Ankor under Settings > Key generation.");
		}
		if (!StringUtils.hasText(this.privateKey)) {
			throw new AnkorConfigurationException("ankor.private-key", "is missing",
					"Set 'ankor.private-key' to the PEM private key generated in Ankor under Settings > Key generation, "
							+ "or to a 'classpath:' or 'file:' location of it.");
		}
		validateHttpUrl("ankor.api-url", this.apiUrl, true);
		validateHttpUrl("ankor.token-uri", this.tokenUri, false);
		if (!StringUtils.hasText(this.audience)) {
			throw new AnkorConfigurationException("ankor.audience", "is blank",
					"Remove 'ankor.audience' to use Ankor's audience 'ankor.io', or set it to the audience Ankor expects.");
		}
		if (this.scopes == null || this.scopes.isEmpty() || this.scopes.stream().anyMatch((s) -> !StringUtils.hasText(s))) {
			throw new AnkorConfigurationException("ankor.scopes", "is empty or holds a blank scope",
					"Set 'ankor.scopes' to the scopes your application needs, for example 'website:read:*' "
							+ "(Retail Agent Website API) or 'entity:*' (Central Agent Entity API).");
		}
		if (this.grantType == null) {
			throw new AnkorConfigurationException("ankor.grant-type", "is missing",
					"Set 'ankor.grant-type' to 'jwt-bearer' (the default) or 'client-credentials'.");
		}
		validateAssertionLifetime();
		validatePositive("ankor.refresh-margin", this.refreshMargin, false,
				"Set 'ankor.refresh-margin' to how long before expiry a token is renewed, for example '1m'.");
		validatePositive("ankor.http.connect-timeout", this.http.connectTimeout, true,
				"Set 'ankor.http.connect-timeout' to a positive duration, for example '5s'.");
		validatePositive("ankor.http.read-timeout", this.http.readTimeout, true,
				"Set 'ankor.http.read-timeout' to a positive duration, for example '10s'.");
		validatePositive("ankor.http.initial-backoff", this.http.initialBackoff, true,
				"Set 'ankor.http.initial-backoff' to a positive duration, for example '200ms'.");
		validatePositive("ankor.http.retry-budget", this.http.retryBudget, false,
				"Set 'ankor.http.retry-budget' to how long a token request may retry, for example '30s', or 0 for no retries.");
	}

	private void validateCompanyUri() {
		if (!StringUtils.hasText(this.companyUri)) {
			throw new AnkorConfigurationException("ankor.company-uri", "is missing",
					"Set 'ankor.company-uri' to the Company URL shown in Ankor under Settings > Company Details.");
		}
		URI uri = parseUri(this.companyUri);
		if (uri == null || !uri.isAbsolute()) {
			throw new AnkorConfigurationException("ankor.company-uri", "is not an absolute URI",
					"Set 'ankor.company-uri' to the Company URL exactly as Ankor shows it under Settings > Company Details "
							+ "(an absolute URI such as 'https://example.ankor.io/company/123').");
		}
	}

	private void validateHttpUrl(String property, String value, boolean required) {
		if (!StringUtils.hasText(value)) {
			if (required) {
				throw new AnkorConfigurationException(property, "is missing",
						"Set '" + property + "' to the base URL of Ankor's API, for example 'https://api.ankor.io'.");
			}
			return;
		}
		URI uri = parseUri(value);
		String scheme = (uri != null) ? uri.getScheme() : null;
		if (uri == null || uri.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new AnkorConfigurationException(property, "is not an http or https URL: '" + value + "'",
					"Set '" + property + "' to an absolute http(s) URL such as 'https://api.ankor.io'.");
		}
	}

	private void validateAssertionLifetime() {
		Duration lifetime = this.assertionLifetime;
		if (lifetime == null || lifetime.isNegative() || lifetime.isZero()
				|| lifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
			throw new AnkorConfigurationException("ankor.assertion-lifetime",
					"is " + lifetime + ": it must be more than 0 and at most 1h (Ankor's limit)",
					"Set 'ankor.assertion-lifetime' to a duration between 1s and 1h, or remove it to use 5m.");
		}
	}

	private static void validatePositive(String property, Duration value, boolean strict, String action) {
		if (value == null || value.isNegative() || (strict && value.isZero())) {
			throw new AnkorConfigurationException(property, "is " + value + ": it must be "
					+ (strict ? "more than 0" : "0 or more"), action);
		}
	}

	private static URI parseUri(String value) {
		try {
			return new URI(value.strip());
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * How the assertion is presented to the token endpoint.
	 */
	public enum GrantType {

		/**
		 * RFC 7523 section 2.1: {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
		 * with the assertion in {@code assertion}.
		 */
		JWT_BEARER,

		/**
		 * RFC 7523 section 2.2: {@code grant_type=client_credentials} with the assertion in
		 * {@code client_assertion}.
		 */
		CLIENT_CREDENTIALS;

		/**
		 * The value as written in properties, such as {@code jwt-bearer}.
		 * @return the property value
		 */
		public String toPropertyValue() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * HTTP settings of the token endpoint client.
	 */
	public static class Http {

		/**
		 * Connect timeout of token requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of token requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * First delay before a failed token request is tried again; later delays double,
		 * with jitter, up to 10s. A 'Retry-After' from Ankor takes precedence.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest time one token request may spend on retries before its failure reaches
		 * callers.
		 */
		private Duration retryBudget = Duration.ofSeconds(30);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getRetryBudget() {
			return this.retryBudget;
		}

		public void setRetryBudget(Duration retryBudget) {
			this.retryBudget = retryBudget;
		}

	}

	/**
	 * Settings of the 'ankor' health indicator.
	 */
	public static class Health {

		/**
		 * Whether the first health check of a cold application fetches a token. Otherwise
		 * health is UNKNOWN until the application first calls Ankor.
		 */
		private boolean initialFetch;

		public boolean isInitialFetch() {
			return this.initialFetch;
		}

		public void setInitialFetch(boolean initialFetch) {
			this.initialFetch = initialFetch;
		}

	}

}
