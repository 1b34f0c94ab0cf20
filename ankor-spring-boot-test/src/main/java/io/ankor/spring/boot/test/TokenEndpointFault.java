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

import java.time.Duration;

/**
 * A failure the {@link AnkorSimulator}'s token endpoint answers with instead of checking
 * the request, to test how an application copes with Ankor being unwell.
 *
 * @author Ankor starter team
 */
public final class TokenEndpointFault {

	final int status;

	final Duration retryAfter;

	final String error;

	final String description;

	final boolean connectionReset;

	private TokenEndpointFault(int status, Duration retryAfter, String error, String description,
			boolean connectionReset) {
		this.status = status;
		this.retryAfter = retryAfter;
		this.error = error;
		this.description = description;
		this.connectionReset = connectionReset;
	}

	/**
	 * An HTTP error status with a plain body, such as 503.
	 * @param status the status
	 * @return the fault
	 */
	public static TokenEndpointFault status(int status) {
		return new TokenEndpointFault(status, null, null, null, false);
	}

	/**
	 * An HTTP error status with a {@code Retry-After} header, such as 429 or 503.
	 * @param status the status
	 * @param retryAfter the delay the server asks for (whole seconds)
	 * @return the fault
	 */
	public static TokenEndpointFault status(int status, Duration retryAfter) {
		return new TokenEndpointFault(status, retryAfter, null, null, false);
	}

	/**
	 * An OAuth 2.0 error response, such as 400 {@code invalid_grant}.
	 * @param status the status
	 * @param error the error code
	 * @param description the error description
	 * @return the fault
	 */
	public static TokenEndpointFault oauthError(int status, String error, String description) {
		return new TokenEndpointFault(status, null, error, description, false);
	}

	/**
	 * The connection is reset before any response.
	 * @return the fault
	 */
	public static TokenEndpointFault connectionReset() {
		return new TokenEndpointFault(0, null, null, null, true);
	}

	@Override
	public String toString() {
		return this.connectionReset ? "connection reset"
				: "HTTP " + this.status + ((this.error != null) ? " " + this.error : "")
						+ ((this.retryAfter != null) ? " Retry-After " + this.retryAfter.toSeconds() : "");
	}

}
