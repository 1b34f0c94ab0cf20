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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.ankor.spring.boot.GrantType;
import org.jspecify.annotations.Nullable;

/**
 * The properties of a further account, {@code ankor.accounts.<name>.*}, bound once: each
 * one unset ({@code null}) comes from {@code ankor.*}, except the key (Key ID, private
 * and public key), which is never inherited.
 *
 * @param enabled whether this account is made
 * @param companyUri Company URL of this account's company
 * @param keyId Key ID of this account's own key
 * @param privateKey private key of this account: PEM text or a location
 * @param publicKey public key that matches the private key
 * @param apiUrl base URL of Ankor's API for this account
 * @param tokenUri token endpoint of this account
 * @param audience the 'aud' claim of this account's assertions
 * @param scopes the 'scopes' claim of this account's assertions
 * @param grantType how this account's assertions are sent
 * @param assertionLifetime lifetime of each of this account's assertions
 * @param refreshMargin renew this account's token this long before it expires
 * @param verifyOnStartup whether startup fetches one token of this account
 * @param reloadOnUpdate whether this account's credential files are watched
 * @param http HTTP settings of this account's token requests
 * @param health settings of this account's health indicator
 * @author Ankor starter team
 */
public record AnkorAccountProperties(@Nullable Boolean enabled, @Nullable String companyUri, @Nullable String keyId,
		@Nullable String privateKey, @Nullable String publicKey, @Nullable String apiUrl, @Nullable String tokenUri,
		@Nullable String audience, @Nullable List<String> scopes, @Nullable GrantType grantType,
		@Nullable Duration assertionLifetime, @Nullable Duration refreshMargin, @Nullable Boolean verifyOnStartup,
		@Nullable Boolean reloadOnUpdate, @Nullable Http http, @Nullable Health health) {

	/**
	 * Whether the account is made: unless {@code enabled} is false here, or in
	 * {@code ankor.*} without being set here.
	 * @param base the default account's properties
	 * @return whether it is enabled
	 */
	boolean isEnabled(AnkorProperties base) {
		return (this.enabled != null) ? this.enabled : base.isEnabled();
	}

	/**
	 * The account's properties: these over {@code base}, with this account's own key only.
	 * @param base what the account inherits: the default account's properties
	 * @return the account's properties, a new instance
	 */
	AnkorProperties over(AnkorProperties base) {
		AnkorProperties merged = AnkorSettings.copy(base);
		merged.setKeyId(this.keyId);
		merged.setPrivateKey(this.privateKey);
		merged.setPublicKey(this.publicKey);
		set(this.companyUri, merged::setCompanyUri);
		set(this.apiUrl, merged::setApiUrl);
		set(this.tokenUri, merged::setTokenUri);
		set(this.audience, merged::setAudience);
		set((this.scopes != null) ? new ArrayList<>(this.scopes) : null, merged::setScopes);
		set(this.grantType, merged::setGrantType);
		set(this.assertionLifetime, merged::setAssertionLifetime);
		set(this.refreshMargin, merged::setRefreshMargin);
		set(this.verifyOnStartup, merged::setVerifyOnStartup);
		set(this.reloadOnUpdate, merged::setReloadOnUpdate);
		if (this.http != null) {
			AnkorHttpProperties http = merged.getHttp();
			set(this.http.connectTimeout(), http::setConnectTimeout);
			set(this.http.readTimeout(), http::setReadTimeout);
			set(this.http.initialBackoff(), http::setInitialBackoff);
			set(this.http.retryBudget(), http::setRetryBudget);
			set(this.http.maxWait(), http::setMaxWait);
		}
		if (this.health != null) {
			set(this.health.initialFetch(), merged.getHealth()::setInitialFetch);
		}
		return merged;
	}

	/** Never the key: its PEM text may be set here. */
	@Override
	public String toString() {
		return "AnkorAccountProperties[companyUri=" + this.companyUri + ", apiUrl=" + this.apiUrl + ", scopes="
				+ this.scopes + "]";
	}

	private static <T> void set(@Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
		}
	}

	/**
	 * HTTP settings of one account's token requests; unset ones come from
	 * {@code ankor.http.*}.
	 *
	 * @param connectTimeout connect timeout of token requests
	 * @param readTimeout read timeout of token requests
	 * @param initialBackoff first delay before a failed token request is tried again
	 * @param retryBudget longest time one token request spends on retries
	 * @param maxWait longest time a caller waits for a token request
	 */
	public record Http(@Nullable Duration connectTimeout, @Nullable Duration readTimeout,
			@Nullable Duration initialBackoff, @Nullable Duration retryBudget, @Nullable Duration maxWait) {

	}

	/**
	 * Settings of one account's health indicator.
	 *
	 * @param initialFetch whether the first health check may fetch a token
	 */
	public record Health(@Nullable Boolean initialFetch) {

	}

}
