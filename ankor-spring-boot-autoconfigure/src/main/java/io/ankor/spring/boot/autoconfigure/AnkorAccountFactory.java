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

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import io.ankor.spring.boot.Ankor;
import io.ankor.spring.boot.AnkorAccounts;
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
 * Makes what one account needs from its properties: credentials, signer, registration,
 * token chain and provider. The same for the default account and every other, at
 * startup and when credentials are rotated.
 *
 * @author Ankor starter team
 */
final class AnkorAccountFactory {

	private final ResourceLoader resourceLoader;

	private final TokenExecutor tokenExecutor;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final @Nullable AnkorTokenRequestObservationConvention observationConvention;

	private final @Nullable OAuth2AuthorizedClientService store;

	private final @Nullable ReactiveOAuth2AuthorizedClientService reactiveStore;

	private final List<AnkorTokenRequestCustomizer> tokenRequestCustomizers;

	AnkorAccountFactory(ResourceLoader resourceLoader, TokenExecutor tokenExecutor, Clock clock, ObservationRegistry observationRegistry,
			@Nullable AnkorTokenRequestObservationConvention observationConvention,
			@Nullable OAuth2AuthorizedClientService store, @Nullable ReactiveOAuth2AuthorizedClientService reactiveStore,
			List<AnkorTokenRequestCustomizer> tokenRequestCustomizers) {
		this.tokenRequestCustomizers = List.copyOf(tokenRequestCustomizers);
		this.resourceLoader = resourceLoader;
		this.tokenExecutor = tokenExecutor;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.store = store;
		this.reactiveStore = reactiveStore;
	}

	/**
	 * The prefix of an account's properties.
	 * @param account the account name
	 * @return {@code ankor} or {@code ankor.accounts.<name>}
	 */
	static String prefix(String account) {
		return AnkorAccounts.DEFAULT.equals(account) ? "ankor" : "ankor.accounts." + account;
	}

	/**
	 * The registration id, and HTTP service group, of an account.
	 * @param account the account name
	 * @return {@code ankor} or {@code ankor-<name>}
	 */
	static String registrationId(String account) {
		return AnkorAccounts.DEFAULT.equals(account) ? Ankor.REGISTRATION_ID : Ankor.REGISTRATION_ID + "-" + account;
	}

	Clock clock() {
		return this.clock;
	}

	AnkorCredentials credentials(String account, AnkorProperties properties) {
		return AnkorKeys.load(prefix(account), properties.getCompanyUri(), properties.getKeyId(),
				properties.getPrivateKey(), properties.getPublicKey(), this.resourceLoader);
	}

	AnkorAssertionSigner signer(AnkorProperties properties, AnkorCredentials credentials) {
		return new AnkorAssertionSigner(credentials, properties.getAudience().strip(), properties.getScopes(),
				properties.getAssertionLifetime(), this.clock);
	}

	/**
	 * An account's registration, made from its properties alone.
	 * @param account the account name
	 * @param properties its validated properties
	 * @return the registration {@code ankor} or {@code ankor-<name>}
	 */
	static ClientRegistration registration(String account, AnkorProperties properties) {
		return AnkorAuthorizedClientChain.registration(registrationId(account), properties.getCompanyUri().strip(),
				properties.determineTokenUri(), properties.getScopes());
	}

	/**
	 * The token chain of an account, made when first needed (on the token thread) with
	 * its provider's refresh policy.
	 * @param account the account name
	 * @param tagged whether observations name the account (when there are several)
	 * @param properties its properties
	 * @param signer its signer
	 * @param registration its registration
	 * @return the chain for a policy
	 */
	Function<RefreshPolicy, AnkorAuthorizedClientChain> chain(String account, boolean tagged,
			AnkorProperties properties, AnkorAssertionSigner signer, ClientRegistration registration) {
		TokenRequestSettings settings = settings(account, tagged, properties);
		OAuth2AuthorizedClientService store = this.store;
		ReactiveOAuth2AuthorizedClientService reactiveStore = this.reactiveStore;
		ObservationRegistry observationRegistry = this.observationRegistry;
		AnkorTokenRequestObservationConvention convention = this.observationConvention;
		TokenExecutor executor = this.tokenExecutor;
		return (policy) -> new AnkorAuthorizedClientChain(registration, store, reactiveStore, signer,
				new AnkorTokenResponseClient(settings, signer, policy, observationRegistry, convention), policy,
				executor);
	}

	/**
	 * The token provider of an account. It makes no HTTP client and no Spring Security
	 * manager before the first token request.
	 * @param account the account name
	 * @param tagged whether observations name the account
	 * @param properties its properties
	 * @param signer its signer
	 * @param registration its registration
	 * @return the provider
	 */
	DefaultAnkorAccessTokenProvider provider(String account, boolean tagged, AnkorProperties properties,
			AnkorAssertionSigner signer, ClientRegistration registration) {
		RefreshPolicy policy = new RefreshPolicy(properties.getRefreshMargin(), this.clock);
		Function<RefreshPolicy, AnkorAuthorizedClientChain> chain = chain(account, tagged, properties, signer,
				registration);
		return new DefaultAnkorAccessTokenProvider(() -> chain.apply(policy), this.tokenExecutor, policy,
				settings(account, tagged, properties).requestBound(), properties.getHttp().getMaxWait());
	}

	private TokenRequestSettings settings(String account, boolean tagged, AnkorProperties properties) {
		AnkorHttpProperties http = properties.getHttp();
		return new TokenRequestSettings(properties.determineTokenUri(), properties.getGrantType(),
				http.getConnectTimeout(), http.getReadTimeout(), http.getInitialBackoff(), http.getRetryBudget(), account,
				tagged, this.tokenRequestCustomizers);
	}

}
