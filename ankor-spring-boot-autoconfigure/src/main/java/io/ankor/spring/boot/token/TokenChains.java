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
package io.ankor.spring.boot.token;

import java.time.Clock;
import java.time.Duration;

import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Makes every account's token provider and, for each, the token chain behind it (made on
 * the first token request, on a token thread): what all accounts share (the token
 * threads, the application's authorized-client service, the observation registry and the
 * clock) once, and an account's own parts as plain values.
 *
 * @author Ankor starter team
 */
public final class TokenChains implements AutoCloseable {

	private final TokenExecutor executor;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final @Nullable AnkorTokenRequestObservationConvention observationConvention;

	private final @Nullable OAuth2AuthorizedClientService store;

	private final @Nullable ReactiveOAuth2AuthorizedClientService reactiveStore;

	/**
	 * The chains of one application, with the token threads every account shares.
	 * @param classLoader the application's class loader, the token threads' context class
	 * loader
	 * @param clock the starter's clock
	 * @param observationRegistry where token requests are observed
	 * @param observationConvention the application's convention of that observation, or
	 * {@code null}
	 * @param store the application's authorized-client service, or {@code null}
	 * @param reactiveStore the application's reactive one, used when it has no blocking
	 * one, or {@code null}
	 */
	public TokenChains(@Nullable ClassLoader classLoader, Clock clock, ObservationRegistry observationRegistry,
			@Nullable AnkorTokenRequestObservationConvention observationConvention,
			@Nullable OAuth2AuthorizedClientService store,
			@Nullable ReactiveOAuth2AuthorizedClientService reactiveStore) {
		this.executor = new TokenExecutor(classLoader);
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.store = store;
		this.reactiveStore = reactiveStore;
	}

	/**
	 * The starter's clock.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * An account's token provider. It makes no HTTP client and no Spring Security manager
	 * before the first token request.
	 * @param requests how its token requests are made
	 * @param registration its registration
	 * @param signer signs its assertions
	 * @param refreshMargin how long before its expiry a token is renewed
	 * @param maxWait the longest a caller waits for a token
	 * @return the provider
	 */
	public DefaultAnkorAccessTokenProvider provider(TokenRequestSettings requests, ClientRegistration registration,
			AnkorAssertionSigner signer, Duration refreshMargin, Duration maxWait) {
		RefreshPolicy policy = new RefreshPolicy(refreshMargin, this.clock);
		return new DefaultAnkorAccessTokenProvider(queue(requests, registration, signer, policy), policy,
				requests.requestBound(), maxWait);
	}

	/**
	 * Switches a provider to new credentials once Ankor issued a token for them (see
	 * {@link DefaultAnkorAccessTokenProvider#rotate(TokenSource)}); blocking.
	 * @param provider the account's provider
	 * @param requests how token requests of the new credentials are made
	 * @param registration their registration
	 * @param signer signs with the new key
	 * @throws io.ankor.spring.boot.AnkorTokenException when Ankor issues no token for them
	 */
	public void rotate(DefaultAnkorAccessTokenProvider provider, TokenRequestSettings requests,
			ClientRegistration registration, AnkorAssertionSigner signer) {
		provider.rotate(queue(requests, registration, signer, provider.policy()));
	}

	/** An account's requests, on the shared token threads, through a chain made on the first. */
	private TokenRequestQueue queue(TokenRequestSettings requests, ClientRegistration registration,
			AnkorAssertionSigner signer, RefreshPolicy policy) {
		return new TokenRequestQueue(() -> new AnkorAuthorizedClientChain(registration, this.store, this.reactiveStore,
				signer, new AnkorTokenResponseClient(requests, signer, policy, this.observationRegistry,
						this.observationConvention),
				policy, this.executor), this.executor);
	}

	/**
	 * Stops the token threads; called once every account's provider is closed.
	 */
	@Override
	public void close() {
		this.executor.close();
	}

}
