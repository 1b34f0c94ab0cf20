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

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a token provider knows now, for health and metrics. Never holds the token.
 *
 * @param remaining how long the current sendable token still lives, {@code null} when
 * there is none
 * @param scopes the scopes Ankor granted that token, empty when it did not say
 * @param lastErrorCode the OAuth error code of the last failed token request since the
 * last success, or {@code null}
 * @param lastErrorAt when that request failed, or {@code null}
 * @param nextAttemptAt until when callers get that failure without Ankor being asked, or
 * {@code null} when a request may be made now
 * @param unauthorizedRenewals how many tokens were dropped because Ankor's API answered
 * 401
 * @param requestInFlight whether a token request is running, in the foreground or as a
 * background renewal
 * @author Ankor starter team
 */
public record AnkorTokenStatus(@Nullable Duration remaining, Set<String> scopes, @Nullable String lastErrorCode,
		@Nullable Instant lastErrorAt, @Nullable Instant nextAttemptAt, long unauthorizedRenewals,
		boolean requestInFlight) {

	/**
	 * Whether a sendable token is cached.
	 * @return whether there is a token
	 */
	public boolean hasToken() {
		return this.remaining != null;
	}

}
