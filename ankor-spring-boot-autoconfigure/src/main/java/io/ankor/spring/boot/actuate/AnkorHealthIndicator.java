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
package io.ankor.spring.boot.actuate;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenStatus;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of Ankor access: {@code UP} while a token can be sent (with its remaining
 * lifetime and scopes, never the token), {@code DOWN} with the last OAuth error code and
 * its time once no valid token can be had, {@code UNKNOWN} before the first token
 * request. A health check never calls Ankor, except once on a cold application when
 * {@code ankor.health.initial-fetch=true}.
 *
 * @author Ankor starter team
 */
public final class AnkorHealthIndicator extends AbstractHealthIndicator {

	private final AnkorTokenStatusSource status;

	private final AnkorAccessTokenProvider tokens;

	private final Supplier<List<String>> configuredScopes;

	private final AtomicBoolean initialFetch;

	private final Supplier<@Nullable String> rejectedCredentials;

	/**
	 * Creates an indicator that also shows why new credentials were refused.
	 * @param status the provider's status
	 * @param tokens the provider, for the initial fetch
	 * @param configuredScopes the scopes shown when Ankor did not say which it granted,
	 * as configured now (they may change with the credentials)
	 * @param initialFetch whether the first check of a cold application fetches a token
	 * @param rejectedCredentials when and why the last new credentials were not used, or
	 * the credential files are no longer read (never key material), or {@code null}
	 */
	public AnkorHealthIndicator(AnkorTokenStatusSource status, AnkorAccessTokenProvider tokens,
			Supplier<List<String>> configuredScopes, boolean initialFetch,
			Supplier<@Nullable String> rejectedCredentials) {
		super("Ankor health check failed");
		this.status = status;
		this.tokens = tokens;
		this.configuredScopes = configuredScopes;
		this.initialFetch = new AtomicBoolean(initialFetch);
		this.rejectedCredentials = rejectedCredentials;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		AnkorTokenStatus status = this.status.tokenStatus();
		if (!status.hasToken() && status.lastErrorCode() == null && this.initialFetch.compareAndSet(true, false)) {
			try {
				this.tokens.getAccessToken();
			}
			catch (RuntimeException ex) {
				// reported through the status below
			}
			status = this.status.tokenStatus();
		}
		if (status.remaining() != null) {
			Collection<String> scopes = status.scopes().isEmpty() ? this.configuredScopes.get() : status.scopes();
			builder.up()
				.withDetail("expiresInSeconds", status.remaining().toSeconds())
				.withDetail("scopes", List.copyOf(scopes));
			if (status.lastErrorCode() != null) {
				builder.withDetail("lastRenewalError", status.lastErrorCode())
					.withDetail("lastRenewalErrorAt", String.valueOf(status.lastErrorAt()));
			}
		}
		else if (status.lastErrorCode() != null) {
			builder.down()
				.withDetail("error", status.lastErrorCode())
				.withDetail("errorAt", String.valueOf(status.lastErrorAt()));
		}
		else {
			builder.unknown().withDetail("reason", "no Ankor token has been requested yet");
		}
		if (status.nextAttemptAt() != null) {
			builder.withDetail("nextAttemptAt", status.nextAttemptAt().toString());
		}
		String rejected = this.rejectedCredentials.get();
		if (rejected != null) {
			builder.withDetail("rejectedCredentials", rejected);
		}
	}

}
