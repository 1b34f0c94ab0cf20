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
package io.ankor.spring.boot.benchmarks;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorTestCredentials;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JwtBearerReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Plain Spring Security, wired as its reference documentation shows for the JWT-bearer
 * grant, with the same assertion as the starter's: the reference the benchmarks compare
 * the starter with.
 *
 * @author Ankor starter team
 */
public final class SpringSecurityReference {

	private SpringSecurityReference() {
	}

	/**
	 * Spring Security's filter for a simulator's company.
	 * @param simulator the simulator
	 * @param clockSkew how long before expiry Spring Security takes a token as expired
	 * @return the filter
	 */
	public static ServerOAuth2AuthorizedClientExchangeFilterFunction filter(AnkorSimulator simulator,
			Duration clockSkew) {
		AnkorTestCredentials credentials = simulator.getCredentials();
		ClientRegistration registration = ClientRegistration.withRegistrationId("ankor")
			.clientId(credentials.getCompanyUri())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(simulator.getTokenUri().toString())
			.scope("website:read:*")
			.build();
		var registrations = new InMemoryReactiveClientRegistrationRepository(registration);
		var authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(registrations);
		NimbusJwtEncoder encoder = NimbusJwtEncoder
			.withKeyPair((ECPublicKey) credentials.getKeyPair().getPublic(),
					(ECPrivateKey) credentials.getKeyPair().getPrivate())
			.jwkPostProcessor((jwk) -> jwk.keyID(credentials.getKeyId()))
			.build();
		JwtBearerReactiveOAuth2AuthorizedClientProvider provider = new JwtBearerReactiveOAuth2AuthorizedClientProvider();
		provider.setClockSkew(clockSkew);
		provider.setJwtAssertionResolver((context) -> Mono.fromSupplier(() -> {
			Instant now = Instant.now();
			JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(credentials.getKeyId()).type("JWT").build();
			JwtClaimsSet claims = JwtClaimsSet.builder()
				.claim("scopes", List.of("website:read:*"))
				.issuer(credentials.getCompanyUri())
				.subject(credentials.getCompanyUri())
				.audience(List.of("ankor.io"))
				.issuedAt(now)
				.expiresAt(now.plusSeconds(300))
				.build();
			return encoder.encode(JwtEncoderParameters.from(header, claims));
		}));
		var manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		var oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(manager);
		oauth.setDefaultClientRegistrationId("ankor");
		return oauth;
	}

}
