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

import java.util.Map;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * The required {@code ankor.*} properties for context-runner tests.
 */
final class AnkorTestProperties {

	static final String COMPANY_URI = "https://calendars.ankor.io/company/1";

	private AnkorTestProperties() {
	}

	/**
	 * Sets company URI, key id {@code kid-1}, API URL and private key (as a property
	 * source of its own, since PEM text spans lines).
	 * @param runner the runner
	 * @param apiUrl the value of {@code ankor.api-url}
	 * @param privateKey the PEM private key
	 * @return the configured runner
	 */
	/**
	 * The registration 'ankor' as CONTRACT.md describes the 'ankorClientRegistration'
	 * bean, for a store an application builds before its context.
	 */
	static ClientRegistration registration(String tokenUri) {
		return ClientRegistration.withRegistrationId("ankor")
			.clientId(COMPANY_URI)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.JWT_BEARER)
			.tokenUri(tokenUri)
			.scope("website:read:*")
			.build();
	}

	static <R extends AbstractApplicationContextRunner<R, ?, ?>> R withRequiredProperties(R runner, String apiUrl,
			String privateKey) {
		return runner
			.withPropertyValues("ankor.company-uri=" + COMPANY_URI, "ankor.key-id=kid-1", "ankor.api-url=" + apiUrl)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("ankorPrivateKey", Map.of("ankor.private-key", privateKey))));
	}

}
