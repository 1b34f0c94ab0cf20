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
package io.ankor.spring.boot.test;

import java.time.Instant;
import java.util.Map;

/**
 * A request the {@link AnkorSimulator}'s token endpoint received, and how it answered.
 *
 * @param receivedAt when it arrived, by the simulator's clock
 * @param grantType the {@code grant_type} parameter
 * @param header the assertion's JOSE header, empty when it could not be parsed
 * @param claims the assertion's claims as sent, empty when they could not be parsed
 * @param status the HTTP status of the answer
 * @param error the OAuth 2.0 error code, {@code null} on success
 * @param errorDescription what exactly was wrong, {@code null} on success
 * @param issuedToken the access token issued, {@code null} on failure
 * @author Ankor starter team
 */
public record TokenRequest(Instant receivedAt, String grantType, Map<String, Object> header,
		Map<String, Object> claims, int status, String error, String errorDescription, String issuedToken) {

	/**
	 * Whether a token was issued.
	 * @return whether the request succeeded
	 */
	public boolean isSuccessful() {
		return this.issuedToken != null;
	}

}
