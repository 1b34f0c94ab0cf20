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
package io.ankor.spring.boot;

import java.util.Iterator;
import java.util.List;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Every Ankor account's Spring Security {@link ClientRegistration}: {@code ankor} for the
 * top-level {@code ankor.*} account and {@code ankor-<name>} for each account under
 * {@code ankor.accounts}, made from properties alone. An application that shares tokens
 * between instances through its own {@code OAuth2AuthorizedClientService} (Spring
 * Security's {@code JdbcOAuth2AuthorizedClientService}, say) builds that service's
 * repository with them: {@code new InMemoryClientRegistrationRepository(registrations.asList())}.
 *
 * @author Ankor starter team
 */
public final class AnkorClientRegistrations implements Iterable<ClientRegistration> {

	private final List<ClientRegistration> registrations;

	/**
	 * Creates an instance.
	 * @param registrations the registrations, the top-level account's first
	 */
	public AnkorClientRegistrations(List<ClientRegistration> registrations) {
		this.registrations = List.copyOf(registrations);
	}

	/**
	 * The registrations, the top-level account's first.
	 * @return an unmodifiable list
	 */
	public List<ClientRegistration> asList() {
		return this.registrations;
	}

	@Override
	public Iterator<ClientRegistration> iterator() {
		return this.registrations.iterator();
	}

	@Override
	public String toString() {
		return "AnkorClientRegistrations" + this.registrations.stream().map(ClientRegistration::getRegistrationId).toList();
	}

}
