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
import java.time.Instant;

import io.ankor.spring.boot.AnkorTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JwtBearerOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Obtains access tokens through Spring Security's OAuth2 client: the
 * {@link ClientRegistration} {@value #REGISTRATION_ID}, the
 * {@link JwtBearerOAuth2AuthorizedClientProvider} with an assertion resolver that signs
 * a fresh Ankor assertion, and an {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}
 * that works outside any HTTP request, for one application-wide principal (the company
 * URI). Tokens are kept in the application's {@link OAuth2AuthorizedClientService} when
 * it has one (so that instances sharing a database share a token), else in memory.
 * <p>
 * No repository, manager or provider here is a bean: a {@code ClientRegistrationRepository}
 * or {@code OAuth2AuthorizedClientManager} bean would make Spring Boot's and Spring
 * Security's own OAuth2 client configuration back off or pick up Ankor's, and the
 * application's OAuth2 login would stop working.
 *
 * @author Ankor starter team
 */
final class AnkorAuthorizedClientSource {

	/** Registration id of Ankor in Spring Security. */
	static final String REGISTRATION_ID = "ankor";

	private static final Log logger = LogFactory.getLog(AnkorAuthorizedClientSource.class);

	private final OAuth2AuthorizedClientService store;

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest authorizeRequest;

	private final Duration refreshMargin;

	AnkorAuthorizedClientSource(ClientRegistration registration, OAuth2AuthorizedClientService applicationStore,
			AnkorAssertionSigner signer, AnkorTokenResponseClient tokenResponseClient, Duration refreshMargin) {
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		OAuth2AuthorizedClientService ownStore = new InMemoryOAuth2AuthorizedClientService(registrations);
		this.store = (applicationStore != null) ? new FallbackAuthorizedClientService(applicationStore, ownStore)
				: ownStore;
		this.refreshMargin = refreshMargin;
		JwtBearerOAuth2AuthorizedClientProvider provider = new JwtBearerOAuth2AuthorizedClientProvider();
		provider.setJwtAssertionResolver((context) -> signer.sign());
		provider.setAccessTokenResponseClient(tokenResponseClient);
		// Spring Security stamps tokens with the system clock, so it also judges them by it
		provider.setClockSkew(refreshMargin);
		this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, this.store);
		this.manager.setAuthorizedClientProvider(provider);
		this.authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal(registration.getClientId())
			.build();
	}

	/**
	 * The registration of Ankor in Spring Security.
	 * @param properties the properties
	 * @param credentials the credentials
	 * @return the registration {@value #REGISTRATION_ID}
	 */
	static ClientRegistration registration(AnkorProperties properties, AnkorCredentials credentials) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(credentials.getCompanyUri())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(properties.determineTokenUri().toString())
			.scope(properties.getScopes())
			.clientName("Ankor")
			.build();
	}

	/**
	 * Obtains an access token; blocking.
	 * @param replacing the token the caller no longer wants (expiring, or rejected by
	 * Ankor), or {@code null} on a cold start, when a stored token is welcome
	 * @return the access token
	 * @throws AnkorTokenException when the token endpoint refuses or fails
	 */
	OAuth2AccessToken obtain(OAuth2AccessToken replacing) {
		Authentication principal = this.authorizeRequest.getPrincipal();
		if (replacing != null) {
			// another instance sharing the store may have renewed already
			OAuth2AuthorizedClient stored = this.store.loadAuthorizedClient(REGISTRATION_ID, principal.getName());
			if (stored != null && isFresher(stored.getAccessToken(), replacing, this.refreshMargin)) {
				logger.debug("Using the Ankor access token another instance stored");
				return stored.getAccessToken();
			}
			this.store.removeAuthorizedClient(REGISTRATION_ID, principal.getName());
		}
		try {
			OAuth2AuthorizedClient client = this.manager.authorize(this.authorizeRequest);
			if (client == null) {
				throw noToken();
			}
			return client.getAccessToken();
		}
		catch (OAuth2AuthorizationException ex) {
			throw unwrap(ex);
		}
	}

	static AnkorTokenException noToken() {
		return new AnkorTokenException(new OAuth2Error("no_token", "Spring Security authorized no client", null), 0,
				null, null, null);
	}

	/**
	 * Whether a stored token is another than the one being replaced and still outside its
	 * refresh margin (capped at half its lifetime, as the provider does). Spring Security
	 * stamps tokens with the system clock, so they are judged by it.
	 */
	static boolean isFresher(OAuth2AccessToken stored, OAuth2AccessToken replacing, Duration refreshMargin) {
		if (stored.getTokenValue().equals(replacing.getTokenValue()) || stored.getExpiresAt() == null) {
			return false;
		}
		Duration margin = refreshMargin;
		if (stored.getIssuedAt() != null) {
			Duration half = Duration.between(stored.getIssuedAt(), stored.getExpiresAt()).dividedBy(2);
			margin = (half.compareTo(margin) < 0) ? half : margin;
		}
		return Instant.now().isBefore(stored.getExpiresAt().minus(margin));
	}

	static RuntimeException unwrap(OAuth2AuthorizationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AnkorTokenException tokenException) {
				return tokenException;
			}
		}
		return new AnkorTokenException(ex.getError(), 0, null, null, ex);
	}

	/**
	 * The application's store, or ours once the application's has failed: for example a
	 * {@code JdbcOAuth2AuthorizedClientService} whose registration repository does not
	 * know {@value #REGISTRATION_ID} cannot read Ankor's tokens back.
	 */
	static final class FallbackAuthorizedClientService implements OAuth2AuthorizedClientService {

		private final OAuth2AuthorizedClientService primary;

		private final OAuth2AuthorizedClientService fallback;

		private volatile boolean failed;

		FallbackAuthorizedClientService(OAuth2AuthorizedClientService primary,
				OAuth2AuthorizedClientService fallback) {
			this.primary = primary;
			this.fallback = fallback;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, String principal) {
			if (!this.failed) {
				try {
					return this.primary.loadAuthorizedClient(registrationId, principal);
				}
				catch (RuntimeException ex) {
					fail(ex);
				}
			}
			return this.fallback.loadAuthorizedClient(registrationId, principal);
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
			if (!this.failed) {
				try {
					this.primary.saveAuthorizedClient(client, principal);
					return;
				}
				catch (RuntimeException ex) {
					fail(ex);
				}
			}
			this.fallback.saveAuthorizedClient(client, principal);
		}

		@Override
		public void removeAuthorizedClient(String registrationId, String principal) {
			if (!this.failed) {
				try {
					this.primary.removeAuthorizedClient(registrationId, principal);
					return;
				}
				catch (RuntimeException ex) {
					fail(ex);
				}
			}
			this.fallback.removeAuthorizedClient(registrationId, principal);
		}

		private void fail(RuntimeException ex) {
			if (!this.failed) {
				this.failed = true;
				logger.warn("The application's OAuth2AuthorizedClientService cannot keep Ankor's tokens ("
						+ ex.getClass().getSimpleName() + "); keeping them in memory instead. To share them between "
						+ "instances, build that service with a ClientRegistrationRepository that holds the "
						+ "'ankorClientRegistration' bean.");
			}
		}

	}

}
