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

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
final class AnkorHealthIndicator extends AbstractHealthIndicator {

	private final DefaultAnkorAccessTokenProvider tokens;

	private final List<String> configuredScopes;

	private final AtomicBoolean initialFetch;

	AnkorHealthIndicator(DefaultAnkorAccessTokenProvider tokens, List<String> configuredScopes, boolean initialFetch) {
		super("Ankor health check failed");
		this.tokens = tokens;
		this.configuredScopes = List.copyOf(configuredScopes);
		this.initialFetch = new AtomicBoolean(initialFetch);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DefaultAnkorAccessTokenProvider.Status status = this.tokens.status();
		if (!status.hasToken() && status.lastFailure() == null && this.initialFetch.compareAndSet(true, false)) {
			try {
				this.tokens.getAccessToken();
			}
			catch (RuntimeException ex) {
				// reported through the status below
			}
			status = this.tokens.status();
		}
		DefaultAnkorAccessTokenProvider.Failure failure = status.lastFailure();
		if (status.hasToken()) {
			builder.up()
				.withDetail("expiresInSeconds", status.remaining().toSeconds())
				.withDetail("scopes", status.scopes().isEmpty() ? this.configuredScopes : status.scopes());
			if (failure != null) {
				builder.withDetail("lastRenewalError", failure.errorCode()).withDetail("lastRenewalErrorAt",
						failure.at().toString());
			}
		}
		else if (failure != null) {
			builder.down().withDetail("error", failure.errorCode()).withDetail("errorAt", failure.at().toString());
		}
		else {
			builder.unknown().withDetail("reason", "no Ankor token has been requested yet");
		}
	}

}
