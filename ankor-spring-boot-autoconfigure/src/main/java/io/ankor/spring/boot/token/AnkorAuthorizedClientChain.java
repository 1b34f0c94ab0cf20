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

import java.net.URI;

import io.ankor.spring.boot.Ankor;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The one token chain, built from Spring Security's OAuth2 client: the
 * {@link ClientRegistration} {@value Ankor#REGISTRATION_ID}, the
 * {@link JwtBearerOAuth2AuthorizedClientProvider} with an assertion resolver that signs a
 * fresh Ankor assertion and the {@link AnkorTokenResponseClient}, and an
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager} that works outside any HTTP
 * request, for one application-wide principal (the company URI). Tokens are kept in the
 * application's authorized-client service, blocking or reactive, when it has one (so that
 * instances sharing a database share a token), else in memory.
 * <p>
 * It blocks, and runs only on the token threads every account shares, one request of
 * its account at a time, in every kind of application. Nothing here is a bean: a
 * {@code ClientRegistrationRepository} or {@code OAuth2AuthorizedClientManager} bean
 * would make Spring Boot's and Spring Security's own OAuth2 client configuration back
 * off or pick up Ankor's.
 *
 * @author Ankor starter team
 */
final class AnkorAuthorizedClientChain {

	private static final Log logger = LogFactory.getLog(AnkorAuthorizedClientChain.class);

	private final AuthorizedClientStore store;

	private final RefreshPolicy policy;

	private final ClientRegistration registration;

	private final JwtBearerOAuth2AuthorizedClientProvider provider;

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest authorizeRequest;

	private final AnkorTokenResponseClient tokenResponseClient;

	/**
	 * Builds the chain.
	 * @param registration Ankor's registration
	 * @param applicationStore the application's authorized-client service, or
	 * {@code null}
	 * @param reactiveApplicationStore the application's reactive authorized-client
	 * service, used when it has no blocking one, or {@code null}
	 * @param signer signs assertions
	 * @param tokenResponseClient exchanges them for tokens
	 * @param policy decides whether a stored token may still be sent
	 * @param executor whose store threads call a blocking authorized-client service
	 */
	AnkorAuthorizedClientChain(ClientRegistration registration,
			@Nullable OAuth2AuthorizedClientService applicationStore,
			@Nullable ReactiveOAuth2AuthorizedClientService reactiveApplicationStore, AnkorAssertionSigner signer,
			AnkorTokenResponseClient tokenResponseClient, RefreshPolicy policy, TokenExecutor executor) {
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		this.tokenResponseClient = tokenResponseClient;
		this.store = new AuthorizedClientStore(registration, applicationStore, reactiveApplicationStore, policy,
				executor);
		this.policy = policy;
		this.registration = registration;
		JwtBearerOAuth2AuthorizedClientProvider provider = new JwtBearerOAuth2AuthorizedClientProvider();
		provider.setJwtAssertionResolver((context) -> signer.sign());
		provider.setAccessTokenResponseClient(tokenResponseClient);
		provider.setClock(policy.clock());
		provider.setClockSkew(policy.clockSkew());
		this.provider = provider;
		this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, this.store);
		this.manager.setAuthorizedClientProvider(provider);
		this.authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(registration.getRegistrationId())
			.principal(principal(registration.getClientId(), signer.getCredentials().getKeyId()))
			.build();
	}

	/**
	 * The name under which a token is stored: the company URI and the Key ID, so that a
	 * token minted with a retired key is never taken from a shared store for a new one.
	 * @param companyUri the company URI
	 * @param keyId the Key ID
	 * @return the principal name
	 */
	static String principal(String companyUri, String keyId) {
		return companyUri + "#" + keyId;
	}

	/**
	 * Obtains an access token stamped by the policy's clock; blocking. A stored token
	 * other than the one being replaced is used while the policy says it may be sent and
	 * it was granted this registration's scopes (another instance sharing the store may
	 * have renewed it); otherwise a new one is requested.
	 * @param replacing the token the caller no longer wants (expiring, or rejected by
	 * Ankor), or {@code null} on a cold start
	 * @return the access token
	 * @throws AnkorTokenException when the token endpoint refuses or fails
	 */
	OAuth2AccessToken obtain(@Nullable OAuth2AccessToken replacing) {
		String registrationId = this.authorizeRequest.getClientRegistrationId();
		String principal = this.authorizeRequest.getPrincipal().getName();
		OAuth2AuthorizedClient stored = this.store.loadAuthorizedClient(registrationId, principal);
		if (stored != null) {
			OAuth2AccessToken token = stored.getAccessToken();
			boolean replaced = replacing != null && token.getTokenValue().equals(replacing.getTokenValue());
			if (!replaced && this.policy.isSendable(token) && this.store.grantsScopes(token)) {
				logger.debug("Using the stored Ankor access token");
				return token;
			}
			this.store.removeAuthorizedClient(registrationId, principal);
		}
		// one read per token request: the manager, which reads the store first, is told what this one found
		this.store.nextReadFindsNothing();
		try {
			return this.store.stamped(authorized(this.manager.authorize(this.authorizeRequest)).getAccessToken());
		}
		catch (OAuth2AuthorizationException ex) {
			throw unwrap(ex);
		}
		finally {
			this.store.readsAskAgain();
		}
	}

	/**
	 * Obtains a new access token from the token endpoint, never a stored one, and stores
	 * it; blocking. For new credentials: their first token is what shows that Ankor
	 * accepts them, even where a store shared with other instances holds a token under
	 * the same company and Key ID (minted for other scopes, or with a key this instance
	 * does not have yet).
	 * @return the access token
	 * @throws AnkorTokenException when the token endpoint refuses or fails
	 */
	OAuth2AccessToken obtainFresh() {
		Authentication principal = this.authorizeRequest.getPrincipal();
		// no authorized client in the context: Spring Security's provider requests a token
		OAuth2AuthorizationContext context = OAuth2AuthorizationContext.withClientRegistration(this.registration)
			.principal(principal)
			.build();
		try {
			OAuth2AuthorizedClient client = authorized(this.provider.authorize(context));
			this.store.saveAuthorizedClient(client, principal);
			return this.store.stamped(client.getAccessToken());
		}
		catch (OAuth2AuthorizationException ex) {
			throw unwrap(ex);
		}
	}

	/**
	 * Ends this chain's work: cuts a token request in progress and interrupts a call to the
	 * application's blocking token store, and refuses later ones.
	 */
	void close() {
		this.tokenResponseClient.close();
		this.store.close();
	}

	private static OAuth2AuthorizedClient authorized(@Nullable OAuth2AuthorizedClient client) {
		if (client == null) {
			throw new AnkorTokenException(new OAuth2Error("no_token", "Spring Security authorized no client", null), 0,
					null, null, null);
		}
		return client;
	}

	private static AnkorTokenException unwrap(OAuth2AuthorizationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AnkorTokenException tokenException) {
				return tokenException;
			}
		}
		return new AnkorTokenException(ex.getError(), 0, null, null, ex);
	}

}
