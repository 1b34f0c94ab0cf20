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

import java.time.Clock;
import java.util.List;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import io.ankor.spring.boot.token.TokenChains;
import io.ankor.spring.boot.token.TokenRequestSettings;

import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Makes what one account needs from its settings: credentials, signer, registration,
 * token chain and provider. The same for the default account and every other, at
 * startup and when credentials are switched.
 *
 * @author Ankor starter team
 */
public final class AccountFactory implements AutoCloseable {

	private final ResourceLoader resourceLoader;

	private final TokenChains chains;

	private final List<AnkorTokenRequestCustomizer> tokenRequestCustomizers;

	/** Whether observations name the account: when the application has several. */
	private final boolean tagged;

	/**
	 * A factory of accounts.
	 * @param resourceLoader reads credentials given as locations
	 * @param chains makes token providers and chains
	 * @param tokenRequestCustomizers the application's customizers of token requests
	 * @param tagged whether observations name the account
	 */
	public AccountFactory(ResourceLoader resourceLoader, TokenChains chains,
			List<AnkorTokenRequestCustomizer> tokenRequestCustomizers, boolean tagged) {
		this.resourceLoader = resourceLoader;
		this.chains = chains;
		this.tokenRequestCustomizers = List.copyOf(tokenRequestCustomizers);
		this.tagged = tagged;
	}

	Clock clock() {
		return this.chains.clock();
	}

	ResourceLoader resourceLoader() {
		return this.resourceLoader;
	}

	/**
	 * Reads and checks an account's credentials.
	 * @param settings the account's settings
	 * @return the credentials
	 * @throws AnkorConfigurationException naming the property at fault
	 */
	AnkorCredentials credentials(AccountSettings settings) {
		return AnkorKeys.load(settings.prefix(), settings.companyUri(), settings.keyId(), settings.privateKey(),
				settings.publicKey(), this.resourceLoader);
	}

	private AnkorAssertionSigner signer(AccountSettings settings, AnkorCredentials credentials) {
		return new AnkorAssertionSigner(credentials, settings.audience(), settings.scopes(),
				settings.assertionLifetime(), this.chains.clock());
	}

	/**
	 * An account's registration, made from its settings alone.
	 * @param settings the account's settings
	 * @return the registration {@code ankor} or {@code ankor-<name>}
	 */
	public static ClientRegistration registration(AccountSettings settings) {
		return ClientRegistration.withRegistrationId(settings.registrationId())
			.clientId(settings.companyUri())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(settings.tokenUri().toString())
			.scope(settings.scopes())
			.clientName("Ankor")
			.build();
	}

	/**
	 * The token provider of an account. It makes no HTTP client and no Spring Security
	 * manager before the first token request.
	 * @param settings the account's settings
	 * @param credentials its credentials, read and checked
	 * @return the provider
	 */
	DefaultAnkorAccessTokenProvider provider(AccountSettings settings, AnkorCredentials credentials) {
		return provider(settings, credentials, registration(settings));
	}

	/**
	 * The token provider of an account, with a registration of the application's.
	 * @param settings the account's settings
	 * @param credentials its credentials, read and checked
	 * @param registration its registration in Spring Security
	 * @return the provider
	 */
	public DefaultAnkorAccessTokenProvider provider(AccountSettings settings, AnkorCredentials credentials,
			ClientRegistration registration) {
		return this.chains.provider(requestSettings(settings), registration, signer(settings, credentials),
				settings.refreshMargin(), settings.http().maxWait());
	}

	/**
	 * Switches an account's provider to new credentials once Ankor issued a token for
	 * them; blocking.
	 * @param provider the account's provider
	 * @param settings the new settings
	 * @param credentials the new credentials, read and checked
	 */
	void rotate(DefaultAnkorAccessTokenProvider provider, AccountSettings settings, AnkorCredentials credentials) {
		this.chains.rotate(provider, requestSettings(settings), registration(settings), signer(settings, credentials));
	}

	private TokenRequestSettings requestSettings(AccountSettings settings) {
		AccountSettings.Http http = settings.http();
		return new TokenRequestSettings(settings.tokenUri(), settings.grantType(), http.connectTimeout(),
				http.readTimeout(), http.initialBackoff(), http.retryBudget(), settings.name(), this.tagged,
				this.tokenRequestCustomizers);
	}

	/**
	 * Stops the token threads every account shares; the context calls it after closing
	 * the accounts, which depend on this factory.
	 */
	@Override
	public void close() {
		this.chains.close();
	}

}
