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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.GrantType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.StringUtils;

/**
 * Configuration properties of the Ankor starter, bound from {@code ankor.*}.
 *
 * @author Ankor starter team
 */
@ConfigurationProperties("ankor")
public class AnkorProperties {

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
	 * Text, or a 'classpath:' or 'file:' location of a file that holds it (so that a key
	 * rotated on disk comes with its Key ID).
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

	/**
	 * Whether new credentials are used, without a restart, when a 'file:' location of
	 * the Key ID, private key or public key changes on disk. They replace the current
	 * ones only once Ankor has issued a token for them.
	 */
	private boolean reloadOnUpdate;

	/**
	 * Further accounts by name (lower-case letters, digits and '-', starting with a
	 * letter), each with its own 'key-id' and 'private-key' and any other 'ankor.*'
	 * setting; what an account leaves unset, apart from its key, comes from 'ankor.*'.
	 */
	private Map<String, AnkorAccountProperties> accounts = new LinkedHashMap<>();

	/**
	 * HTTP settings of token requests.
	 */
	@NestedConfigurationProperty
	private final AnkorHttpProperties http = new AnkorHttpProperties();

	/**
	 * Settings of the 'ankor' health indicator.
	 */
	@NestedConfigurationProperty
	private final AnkorHealthProperties health = new AnkorHealthProperties();

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

	public boolean isReloadOnUpdate() {
		return this.reloadOnUpdate;
	}

	public void setReloadOnUpdate(boolean reloadOnUpdate) {
		this.reloadOnUpdate = reloadOnUpdate;
	}

	public Map<String, AnkorAccountProperties> getAccounts() {
		return this.accounts;
	}

	public void setAccounts(Map<String, AnkorAccountProperties> accounts) {
		this.accounts = accounts;
	}

	public AnkorHttpProperties getHttp() {
		return this.http;
	}

	public AnkorHealthProperties getHealth() {
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

	/**
	 * Checks every property that can be checked without loading keys; the starter does
	 * so at startup, with the values of the {@link AnkorConnectionDetails} in use.
	 * @throws io.ankor.spring.boot.AnkorConfigurationException naming the first property
	 * at fault, with the others at fault as suppressed exceptions
	 */
	public void validate() {
		AnkorPropertiesValidator.validate(this);
	}

}
