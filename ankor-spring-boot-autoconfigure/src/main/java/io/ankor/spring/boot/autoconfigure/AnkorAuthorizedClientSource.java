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
import java.time.Duration;

import io.ankor.spring.boot.AnkorTokenException;

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
 * Obtains access tokens through Spring Security's OAuth2 client: a
 * {@link ClientRegistration} {@value #REGISTRATION_ID}, the
 * {@link JwtBearerOAuth2AuthorizedClientProvider} with an assertion resolver that signs
 * a fresh Ankor assertion, and an {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}
 * that works outside any HTTP request, for one application-wide principal.
 * <p>
 * None of these is a bean: a {@code ClientRegistrationRepository} or
 * {@code OAuth2AuthorizedClientManager} bean would make Spring Boot's and Spring
 * Security's own OAuth2 client configuration back off or pick up Ankor's, and the
 * application's OAuth2 login would stop working.
 *
 * @author Ankor starter team
 */
final class AnkorAuthorizedClientSource {

	/** Registration id of Ankor in Spring Security. */
	static final String REGISTRATION_ID = "ankor";

	private final ClientRegistration registration;

	private final OAuth2AuthorizedClientService authorizedClientService;

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest authorizeRequest;

	AnkorAuthorizedClientSource(AnkorProperties properties, AnkorAssertionSigner signer,
			AnkorTokenResponseClient tokenResponseClient, Clock clock) {
		this.registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(signer.getCredentials().getCompanyUri())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(properties.determineTokenUri().toString())
			.scope(properties.getScopes())
			.clientName("Ankor")
			.build();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(this.registration);
		this.authorizedClientService = new InMemoryOAuth2AuthorizedClientService(registrations);
		JwtBearerOAuth2AuthorizedClientProvider provider = new JwtBearerOAuth2AuthorizedClientProvider();
		provider.setJwtAssertionResolver((context) -> signer.sign());
		provider.setAccessTokenResponseClient(tokenResponseClient);
		provider.setClock(clock);
		provider.setClockSkew(nonNegative(properties.getRefreshMargin()));
		this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
				this.authorizedClientService);
		this.manager.setAuthorizedClientProvider(provider);
		// one principal for the whole application: every caller shares its token
		this.authorizeRequest = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal(signer.getCredentials().getCompanyUri())
			.build();
	}

	private static Duration nonNegative(Duration duration) {
		return (duration == null || duration.isNegative()) ? Duration.ZERO : duration;
	}

	ClientRegistration getRegistration() {
		return this.registration;
	}

	/**
	 * Obtains an access token; blocking.
	 * @param replace whether the stored token must be replaced by a new one even if it
	 * has not expired (renewal, or a token Ankor rejected)
	 * @return the access token
	 * @throws AnkorTokenException when the token endpoint refuses or fails
	 */
	OAuth2AccessToken obtain(boolean replace) {
		String principalName = this.authorizeRequest.getPrincipal().getName();
		if (replace) {
			this.authorizedClientService.removeAuthorizedClient(REGISTRATION_ID, principalName);
		}
		try {
			OAuth2AuthorizedClient client = this.manager.authorize(this.authorizeRequest);
			if (client == null) {
				throw new AnkorTokenException(new OAuth2Error("no_token", "Spring Security authorized no client", null),
						0, null, null, null);
			}
			return client.getAccessToken();
		}
		catch (OAuth2AuthorizationException ex) {
			throw unwrap(ex);
		}
	}

	private static RuntimeException unwrap(OAuth2AuthorizationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof AnkorTokenException tokenException) {
				return tokenException;
			}
		}
		return new AnkorTokenException(ex.getError(), 0, null, null, ex);
	}

}
