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
import java.util.function.Function;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import io.ankor.spring.boot.token.AnkorAuthorizedClientChain;
import io.ankor.spring.boot.token.AnkorTokenRequestObservationConvention;
import io.ankor.spring.boot.token.AnkorTokenResponseClient;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import io.ankor.spring.boot.token.RefreshPolicy;
import io.ankor.spring.boot.token.TokenExecutor;
import io.ankor.spring.boot.token.TokenRequestSettings;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Makes what one account needs from its settings: credentials, signer, registration,
 * token chain and provider. The same for the default account and every other, at
 * startup and when credentials are switched.
 *
 * @author Ankor starter team
 */
public final class AccountFactory {

	private final ResourceLoader resourceLoader;

	private final TokenExecutor tokenExecutor;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final @Nullable AnkorTokenRequestObservationConvention observationConvention;

	private final @Nullable OAuth2AuthorizedClientService store;

	private final @Nullable ReactiveOAuth2AuthorizedClientService reactiveStore;

	private final List<AnkorTokenRequestCustomizer> tokenRequestCustomizers;

	/** Whether observations name the account: when the application has several. */
	private final boolean tagged;

	/**
	 * A factory of accounts.
	 * @param resourceLoader reads credentials given as locations
	 * @param tokenExecutor the token threads every account shares
	 * @param clock the starter's clock
	 * @param observationRegistry where token requests are observed
	 * @param observationConvention the application's convention of that observation, or
	 * {@code null}
	 * @param store the application's authorized-client service, or {@code null}
	 * @param reactiveStore the application's reactive one, or {@code null}
	 * @param tokenRequestCustomizers the application's customizers of token requests
	 * @param tagged whether observations name the account
	 */
	public AccountFactory(ResourceLoader resourceLoader, TokenExecutor tokenExecutor, Clock clock,
			ObservationRegistry observationRegistry,
			@Nullable AnkorTokenRequestObservationConvention observationConvention,
			@Nullable OAuth2AuthorizedClientService store, @Nullable ReactiveOAuth2AuthorizedClientService reactiveStore,
			List<AnkorTokenRequestCustomizer> tokenRequestCustomizers, boolean tagged) {
		this.resourceLoader = resourceLoader;
		this.tokenExecutor = tokenExecutor;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.store = store;
		this.reactiveStore = reactiveStore;
		this.tokenRequestCustomizers = List.copyOf(tokenRequestCustomizers);
		this.tagged = tagged;
	}

	Clock clock() {
		return this.clock;
	}

	ResourceLoader resourceLoader() {
		return this.resourceLoader;
	}

	/**
	 * Whether observations, meters and health name each account.
	 * @return whether the application has several accounts
	 */
	public boolean isTagged() {
		return this.tagged;
	}

	/**
	 * Reads and checks an account's credentials.
	 * @param settings the account's settings
	 * @return the credentials
	 * @throws AnkorConfigurationException naming the property at fault
	 */
	public AnkorCredentials credentials(AccountSettings settings) {
		return AnkorKeys.load(settings.prefix(), settings.companyUri(), settings.keyId(), settings.privateKey(),
				settings.publicKey(), this.resourceLoader);
	}

	AnkorAssertionSigner signer(AccountSettings settings, AnkorCredentials credentials) {
		return new AnkorAssertionSigner(credentials, settings.audience(), settings.scopes(),
				settings.assertionLifetime(), this.clock);
	}

	/**
	 * An account's registration, made from its settings alone.
	 * @param settings the account's settings
	 * @return the registration {@code ankor} or {@code ankor-<name>}
	 */
	public static ClientRegistration registration(AccountSettings settings) {
		return AnkorAuthorizedClientChain.registration(settings.registrationId(), settings.companyUri(),
				settings.tokenUri(), settings.scopes());
	}

	/**
	 * The token chain of an account, made when first needed (on a token thread) with its
	 * provider's refresh policy.
	 */
	Function<RefreshPolicy, AnkorAuthorizedClientChain> chain(AccountSettings settings,
			AnkorCredentials credentials) {
		return chain(settings, credentials, registration(settings));
	}

	private Function<RefreshPolicy, AnkorAuthorizedClientChain> chain(AccountSettings settings,
			AnkorCredentials credentials, ClientRegistration registration) {
		TokenRequestSettings requests = requestSettings(settings);
		AnkorAssertionSigner signer = signer(settings, credentials);
		OAuth2AuthorizedClientService store = this.store;
		ReactiveOAuth2AuthorizedClientService reactiveStore = this.reactiveStore;
		ObservationRegistry observationRegistry = this.observationRegistry;
		AnkorTokenRequestObservationConvention convention = this.observationConvention;
		TokenExecutor executor = this.tokenExecutor;
		return (policy) -> new AnkorAuthorizedClientChain(registration, store, reactiveStore, signer,
				new AnkorTokenResponseClient(requests, signer, policy, observationRegistry, convention), policy,
				executor);
	}

	/**
	 * The token provider of an account. It makes no HTTP client and no Spring Security
	 * manager before the first token request.
	 * @param settings the account's settings
	 * @param credentials its credentials, read and checked
	 * @return the provider
	 */
	public DefaultAnkorAccessTokenProvider provider(AccountSettings settings, AnkorCredentials credentials) {
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
		RefreshPolicy policy = new RefreshPolicy(settings.refreshMargin(), this.clock);
		Function<RefreshPolicy, AnkorAuthorizedClientChain> chain = chain(settings, credentials, registration);
		return new DefaultAnkorAccessTokenProvider(() -> chain.apply(policy), this.tokenExecutor, policy,
				requestSettings(settings).requestBound(), settings.http().maxWait());
	}

	private TokenRequestSettings requestSettings(AccountSettings settings) {
		AccountSettings.Http http = settings.http();
		return new TokenRequestSettings(settings.tokenUri(), settings.grantType(), http.connectTimeout(),
				http.readTimeout(), http.initialBackoff(), http.retryBudget(), settings.name(), this.tagged,
				this.tokenRequestCustomizers);
	}

}
