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

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Where the chain keeps Ankor's authorized client: the application's service (a blocking
 * one, or a reactive one waited for, since the chain runs on the token thread) while it
 * works, then memory. Every call to the application's service is bounded by
 * {@link #STORE_TIMEOUT}: a blocking one runs on the shared store threads,
 * {@code ankor-token-store-N}, so that a store that hangs (a JDBC store on a dead
 * connection) costs one bounded wait, not every token request. Tokens are saved stamped
 * by the refresh policy's clock, so that every instance sharing the store judges them by
 * one rule.
 *
 * @author Ankor starter team
 */
final class AuthorizedClientStore implements OAuth2AuthorizedClientService {

	/** The longest wait for one call of the application's service, blocking or reactive. */
	static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

	/** How long the application's service is left alone after it failed, before it is tried again. */
	static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(AuthorizedClientStore.class);

	private final @Nullable OAuth2AuthorizedClientService primary;

	private final String primaryType;

	private final OAuth2AuthorizedClientService memory;

	private final RefreshPolicy policy;

	/** Until when the application's service is left alone, after it failed; {@code null} while it works. */
	private volatile @Nullable Instant failedUntil;

	private volatile @Nullable OAuth2AccessToken lastSaved;

	/**
	 * Whether the next read is known to find nothing: the chain read the store already in
	 * this token request, and found nothing it could send.
	 */
	private volatile boolean knownEmpty;

	private final String registrationId;

	/** The scopes the registration asks for. */
	private final Set<String> scopes;

	AuthorizedClientStore(ClientRegistration registration, @Nullable OAuth2AuthorizedClientService blocking,
			@Nullable ReactiveOAuth2AuthorizedClientService reactive, RefreshPolicy policy, TokenExecutor executor) {
		this.registrationId = registration.getRegistrationId();
		// in the order they are configured in
		this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(registration.getScopes()));
		ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		this.primary = (blocking != null) ? new BoundedStores.Blocking(blocking, executor)
				: (reactive != null) ? new BoundedStores.Reactive(reactive) : null;
		this.primaryType = ((blocking == null && reactive != null) ? ReactiveOAuth2AuthorizedClientService.class
				: OAuth2AuthorizedClientService.class).getSimpleName();
		this.memory = new InMemoryOAuth2AuthorizedClientService(registrations);
		this.policy = policy;
	}

	/**
	 * Whether a stored token was granted the scopes this registration asks for, so that
	 * one stored by an instance with other scopes under the same company and Key ID is not
	 * taken. A token saved without scopes (by an earlier version) is taken.
	 * @param token a stored token
	 * @return whether it may serve this registration
	 */
	boolean grantsScopes(OAuth2AccessToken token) {
		return token.getScopes().isEmpty() || token.getScopes().equals(this.scopes);
	}

	/**
	 * The token as saved, stamped by the policy's clock: Spring Security's manager hands
	 * back the client it saved, not the stamped one.
	 */
	OAuth2AccessToken stamped(OAuth2AccessToken token) {
		OAuth2AccessToken saved = this.lastSaved;
		return (saved != null && saved.getTokenValue().equals(token.getTokenValue())) ? saved : token;
	}

	/**
	 * Answers the next read with nothing, without asking the application's service: the
	 * chain has just read it in this token request, so that Spring Security's manager,
	 * which reads again, costs no second read.
	 */
	void nextReadFindsNothing() {
		this.knownEmpty = true;
	}

	/** Reads ask the application's service again. */
	void readsAskAgain() {
		this.knownEmpty = false;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String registrationId,
			String principal) {
		if (this.knownEmpty) {
			this.knownEmpty = false;
			return null;
		}
		OAuth2AuthorizedClientService primary = working();
		if (primary != null) {
			try {
				T client = primary.loadAuthorizedClient(registrationId, principal);
				recovered();
				return client;
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}
		return this.memory.loadAuthorizedClient(registrationId, principal);
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
		OAuth2AccessToken token = this.policy.stamp(client.getAccessToken());
		if (token.getScopes().isEmpty()) {
			// an answer without 'scope' grants the scopes asked for (RFC 6749, 5.1): saved, so that an instance
			// asking for others does not take the token
			token = new OAuth2AccessToken(token.getTokenType(), token.getTokenValue(), token.getIssuedAt(),
					token.getExpiresAt(), this.scopes);
		}
		OAuth2AuthorizedClient stamped = new OAuth2AuthorizedClient(client.getClientRegistration(),
				client.getPrincipalName(), token, client.getRefreshToken());
		this.lastSaved = token;
		OAuth2AuthorizedClientService primary = working();
		if (primary != null) {
			try {
				primary.saveAuthorizedClient(stamped, principal);
				return;
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}
		this.memory.saveAuthorizedClient(stamped, principal);
	}

	@Override
	public void removeAuthorizedClient(String registrationId, String principal) {
		OAuth2AuthorizedClientService primary = working();
		if (primary != null) {
			try {
				primary.removeAuthorizedClient(registrationId, principal);
				return;
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}
		this.memory.removeAuthorizedClient(registrationId, principal);
	}

	private @Nullable OAuth2AuthorizedClientService working() {
		Instant failedUntil = this.failedUntil;
		return (failedUntil != null && this.policy.now().isBefore(failedUntil)) ? null : this.primary;
	}

	/**
	 * The application's service failed: tokens are kept in memory for a while, then it is
	 * tried again, so that a database's failover does not end sharing for good.
	 */
	private void fail(RuntimeException ex) {
		if (ex instanceof BoundedStores.NoAnswer noAnswer && noAnswer.closing) {
			// the token thread closes: nothing to tell
			return;
		}
		// an outage is told at WARN once: until the service works again, it is still failing
		boolean failing = this.failedUntil != null;
		this.failedUntil = this.policy.now().plus(RETRY_AFTER_FAILURE);
		if (failing) {
			logger.debug("The application's " + this.primaryType + " failed again (" + ex.getClass().getSimpleName()
					+ "); Ankor's tokens stay in memory for another minute");
			return;
		}
		// the exception's message is not logged (a store's may hold SQL with a token in it), except our own
		boolean unknownRegistration = String.valueOf(ex.getMessage()).contains("ClientRegistration");
		logger.warn("The application's " + this.primaryType + " cannot keep Ankor's tokens ("
				+ ((ex instanceof BoundedStores.NoAnswer) ? ex.getMessage() : ex.getClass().getSimpleName())
				+ "); keeping them in memory instead, and trying it again after a "
				+ "minute. " + (unknownRegistration ? "To share them between instances, build that service with a "
						+ "ClientRegistrationRepository that holds the registration '" + this.registrationId + "'"
						+ " (the 'ankorClientRegistrations' bean holds every account's)."
						: "Tokens are shared between instances again once it works."));
	}

	/** Makes no more calls to a blocking service; one still in a call is interrupted. */
	void close() {
		if (this.primary instanceof BoundedStores.Blocking bounded) {
			bounded.close();
		}
	}

	/** A token was read back from the application's service: it works (again). */
	private void recovered() {
		if (this.failedUntil != null) {
			// the next outage is told at WARN again
			this.failedUntil = null;
			logger.info("The application's " + this.primaryType + " keeps Ankor's tokens again");
		}
	}

}
