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

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JwtBearerReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The reactive twin of {@link AnkorAuthorizedClientSource}, for reactive web
 * applications: the {@link JwtBearerReactiveOAuth2AuthorizedClientProvider} with the
 * {@link AnkorReactiveTokenResponseClient}, and an
 * {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} that works outside
 * any exchange, keeping tokens in the application's
 * {@link ReactiveOAuth2AuthorizedClientService} when it has one, else in memory. Nothing
 * here blocks, and nothing here is a bean.
 *
 * @author Ankor starter team
 */
final class AnkorReactiveAuthorizedClientSource {

	private final ReactiveOAuth2AuthorizedClientService store;

	private final AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizeRequest authorizeRequest;

	private final Duration refreshMargin;

	AnkorReactiveAuthorizedClientSource(ClientRegistration registration,
			ReactiveOAuth2AuthorizedClientService applicationStore, AnkorAssertionSigner signer,
			AnkorReactiveTokenResponseClient tokenResponseClient, Duration refreshMargin) {
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		this.store = (applicationStore != null) ? applicationStore
				: new InMemoryReactiveOAuth2AuthorizedClientService(registrations);
		this.refreshMargin = refreshMargin;
		JwtBearerReactiveOAuth2AuthorizedClientProvider provider = new JwtBearerReactiveOAuth2AuthorizedClientProvider();
		provider.setJwtAssertionResolver((context) -> Mono.fromCallable(signer::sign));
		provider.setAccessTokenResponseClient(tokenResponseClient);
		provider.setClockSkew(refreshMargin);
		this.manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, this.store);
		this.manager.setAuthorizedClientProvider(provider);
		this.authorizeRequest = OAuth2AuthorizeRequest
			.withClientRegistrationId(AnkorAuthorizedClientSource.REGISTRATION_ID)
			.principal(registration.getClientId())
			.build();
	}

	/**
	 * Obtains an access token, as {@link AnkorAuthorizedClientSource#obtain} does.
	 * @param replacing the token the caller no longer wants, or {@code null} on a cold
	 * start
	 * @return the access token, or an {@code AnkorTokenException}
	 */
	Mono<OAuth2AccessToken> obtain(OAuth2AccessToken replacing) {
		if (replacing == null) {
			return authorize();
		}
		String principal = this.authorizeRequest.getPrincipal().getName();
		return this.store.<OAuth2AuthorizedClient>loadAuthorizedClient(AnkorAuthorizedClientSource.REGISTRATION_ID,
				principal)
			.map(OAuth2AuthorizedClient::getAccessToken)
			.filter((stored) -> AnkorAuthorizedClientSource.isFresher(stored, replacing, this.refreshMargin))
			.switchIfEmpty(Mono.defer(() -> this.store
				.removeAuthorizedClient(AnkorAuthorizedClientSource.REGISTRATION_ID, principal)
				.then(authorize())));
	}

	private Mono<OAuth2AccessToken> authorize() {
		return this.manager.authorize(this.authorizeRequest)
			.map(OAuth2AuthorizedClient::getAccessToken)
			.switchIfEmpty(Mono.error(AnkorAuthorizedClientSource::noToken))
			.onErrorMap(OAuth2AuthorizationException.class, AnkorAuthorizedClientSource::unwrap);
	}

}
