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
package io.ankor.spring.boot.accounts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.ankor.spring.boot.Ankor;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.GrantType;
import io.ankor.spring.boot.credentials.AnkorKeys;
import org.jspecify.annotations.Nullable;

/**
 * One account's settings, resolved once from {@code ankor.*} (or a connection-details
 * bean) and validated: what the runtime receives, never the properties class. Its
 * {@link #toString()} shows no key material.
 *
 * @param name the account: {@value AnkorAccounts#DEFAULT}, or a name under
 * {@code ankor.accounts}
 * @param companyUri the company URI, stripped
 * @param keyId the Key ID, or its location
 * @param privateKey the private key PEM, or its location
 * @param publicKey the public key PEM, or its location, or {@code null}
 * @param apiUrl the base URL of Ankor's API, stripped
 * @param tokenUri the token endpoint
 * @param audience the {@code aud} claim, stripped
 * @param scopes the {@code scopes} claim
 * @param grantType how the assertion is presented
 * @param assertionLifetime {@code exp - iat} of each assertion
 * @param refreshMargin how long before its expiry a token is renewed
 * @param http how token requests are bounded
 * @param verifyOnStartup whether a token is fetched during startup
 * @param reloadOnUpdate whether credential files are watched
 * @param healthInitialFetch whether the first health check may fetch a token
 * @author Ankor starter team
 */
public record AccountSettings(String name, String companyUri, String keyId, String privateKey,
		@Nullable String publicKey, String apiUrl, URI tokenUri, String audience, List<String> scopes,
		GrantType grantType, Duration assertionLifetime, Duration refreshMargin, Http http, boolean verifyOnStartup,
		boolean reloadOnUpdate, boolean healthInitialFetch) {

	public AccountSettings {
		scopes = List.copyOf(scopes);
	}

	/**
	 * The prefix of an account's properties.
	 * @param account the account name
	 * @return {@code ankor} or {@code ankor.accounts.<name>}
	 */
	public static String prefix(String account) {
		return AnkorAccounts.DEFAULT.equals(account) ? "ankor" : "ankor.accounts." + account;
	}

	/**
	 * The prefix of this account's properties.
	 * @return {@code ankor} or {@code ankor.accounts.<name>}
	 */
	public String prefix() {
		return prefix(this.name);
	}

	/**
	 * The registration id, and HTTP service group, of this account.
	 * @return {@code ankor} or {@code ankor-<name>}
	 */
	public String registrationId() {
		return AnkorAccounts.DEFAULT.equals(this.name) ? Ankor.REGISTRATION_ID
				: Ankor.REGISTRATION_ID + "-" + this.name;
	}

	/**
	 * Whether this is the default account, {@code ankor.*}.
	 * @return whether it is
	 */
	public boolean isDefault() {
		return AnkorAccounts.DEFAULT.equals(this.name);
	}

	/**
	 * A digest of everything a token chain is made of, the credentials' content included,
	 * so that a change can be seen without keeping key material.
	 * @param contentDigest the digest of the Key ID, private and public key as read
	 * @return the digest
	 */
	String fingerprint(String contentDigest) {
		return AnkorKeys.digest(this.companyUri, contentDigest, String.valueOf(this.scopes), this.audience,
				this.tokenUri.toString(), String.valueOf(this.grantType), String.valueOf(this.assertionLifetime));
	}

	/**
	 * These settings without the text of a key given inline: what is kept once the
	 * credentials are read, so that nothing of the starter keeps a retired key. Locations
	 * are kept, for the watching of credential files.
	 * @return the settings, with an inline private or public key as {@code ""}
	 */
	public AccountSettings withoutKeyText() {
		String privateKey = AnkorKeys.isLocation(this.privateKey) ? this.privateKey : "";
		String publicKey = (this.publicKey != null && AnkorKeys.isLocation(this.publicKey)) ? this.publicKey : null;
		return new AccountSettings(this.name, this.companyUri, this.keyId, privateKey, publicKey, this.apiUrl,
				this.tokenUri, this.audience, this.scopes, this.grantType, this.assertionLifetime, this.refreshMargin,
				this.http, this.verifyOnStartup, this.reloadOnUpdate, this.healthInitialFetch);
	}

	@Override
	public String toString() {
		return "AccountSettings[name=" + this.name + ", companyUri=" + this.companyUri + ", apiUrl="
				+ this.apiUrl.replaceFirst("(?<=//)[^/@]*@", "") + ", scopes=" + this.scopes + "]";
	}

	/**
	 * How one account's token requests are bounded ({@code ankor.http.*}).
	 *
	 * @param connectTimeout the connect timeout of one attempt
	 * @param readTimeout the longest one attempt waits for the answer, once connected
	 * @param initialBackoff the first delay before a failed attempt is retried
	 * @param retryBudget the longest one token request spends retrying
	 * @param maxWait the longest a caller waits for a token
	 */
	public record Http(Duration connectTimeout, Duration readTimeout, Duration initialBackoff, Duration retryBudget,
			Duration maxWait) {

	}

}
