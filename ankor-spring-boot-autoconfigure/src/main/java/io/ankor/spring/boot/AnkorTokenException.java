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

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Ankor's token endpoint refused or failed a token request. Carries the OAuth 2.0 error
 * ({@link #getError()}: code such as {@code invalid_grant}, and description) and the HTTP
 * status, {@code 0} when no response arrived. Never carries the assertion or a token.
 *
 * @author Ankor starter team
 */
public class AnkorTokenException extends OAuth2AuthorizationException {

	private final int statusCode;

	private final @Nullable Duration retryAfter;

	private final @Nullable Instant serverDate;

	private final @Nullable String hint;

	/**
	 * Creates a new instance.
	 * @param error the OAuth 2.0 error
	 * @param statusCode the HTTP status, or {@code 0} when no response arrived
	 * @param retryAfter the server's {@code Retry-After}, if any
	 * @param serverDate the server's {@code Date} header, if any
	 * @param cause the cause, if any
	 */
	public AnkorTokenException(OAuth2Error error, int statusCode, @Nullable Duration retryAfter,
			@Nullable Instant serverDate, @Nullable Throwable cause) {
		this(error, statusCode, retryAfter, serverDate, null, cause);
	}

	/**
	 * Creates a new instance that says what to check.
	 * @param error the OAuth 2.0 error
	 * @param statusCode the HTTP status, or {@code 0} when no response arrived
	 * @param retryAfter the server's {@code Retry-After}, if any
	 * @param serverDate the server's {@code Date} header, if any
	 * @param hint what to check, naming the property at fault, or {@code null}
	 * @param cause the cause, if any
	 */
	public AnkorTokenException(OAuth2Error error, int statusCode, @Nullable Duration retryAfter,
			@Nullable Instant serverDate, @Nullable String hint, @Nullable Throwable cause) {
		super(error, message(error, statusCode, hint), cause);
		this.statusCode = statusCode;
		this.retryAfter = retryAfter;
		this.serverDate = serverDate;
		this.hint = hint;
	}

	private static String message(OAuth2Error error, int statusCode, @Nullable String hint) {
		StringBuilder message = new StringBuilder("Ankor token request failed");
		message.append((statusCode > 0) ? " with HTTP " + statusCode : " without a response");
		message.append(": ").append(error.getErrorCode());
		if (error.getDescription() != null) {
			message.append(" (").append(error.getDescription()).append(")");
		}
		if (hint != null) {
			message.append(". ").append(hint);
		}
		return message.toString();
	}

	/**
	 * What to check, when the starter can tell: such as the company URI, when Ankor refused
	 * an assertion for its {@code iss} or {@code sub}.
	 * @return the hint, naming the property at fault, or {@code null}
	 */
	public @Nullable String getHint() {
		return this.hint;
	}

	/**
	 * The HTTP status of the token endpoint's answer.
	 * @return the status code, or {@code 0} when the request got no response
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * The OAuth 2.0 error code, such as {@code invalid_grant}.
	 * @return the error code
	 */
	public String getErrorCode() {
		return getError().getErrorCode();
	}

	/**
	 * How long the server asked us to wait before trying again.
	 * @return the {@code Retry-After} delay, or {@code null}
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * The server's {@code Date} header, used to detect clock skew.
	 * @return the server's time, or {@code null}
	 */
	public @Nullable Instant getServerDate() {
		return this.serverDate;
	}

	/**
	 * Whether trying again may succeed: no response, a timeout, {@code 408},
	 * {@code 429} or a {@code 5xx}. A refusal ({@code 400}, {@code 401}) is final.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return this.statusCode == 0 || this.statusCode == 408 || this.statusCode == 429 || this.statusCode >= 500;
	}

}
