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

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.ankor.spring.boot.AnkorTokenException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One attempt of a token request: posts the form over {@link TokenEndpointHttp} and reads
 * the answer, blocking. No body over {@link TokenResponseReader#MAX_BODY_BYTES} is read.
 * Every failure is an {@link AnkorTokenException}: transient ones (no answer, a timeout,
 * a reset, {@code 408}, {@code 429}, {@code 5xx}) or refusals.
 *
 * @author Ankor starter team
 */
final class TokenEndpointAttempt {

	/** What a header name may not hold, besides control characters and spaces (RFC 9110's token). */
	private static final String HEADER_NAME_DELIMITERS = "\"(),/:;<=>?@[\\]{}";

	/** The longest {@code Retry-After} taken as it is. */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	private final TokenEndpointHttp http;

	private final TokenResponseReader reader;

	private final Clock clock;

	TokenEndpointAttempt(TokenRequestSettings settings, RefreshPolicy policy) {
		this.http = new TokenEndpointHttp(settings.connectTimeout(), settings.readTimeout());
		this.reader = new TokenResponseReader(policy);
		this.clock = policy.clock();
	}

	/**
	 * Ends an attempt in progress, if any, and every later one: for a token thread that
	 * closes.
	 */
	void close() {
		this.http.close();
	}

	/**
	 * Sends the form and reads the token response.
	 * @param tokenUri the token endpoint
	 * @param attempt the form and the headers
	 * @return the token response
	 * @throws AnkorTokenException when no token response came
	 */
	OAuth2AccessTokenResponse send(URI tokenUri, Request attempt) {
		TokenEndpointHttp.Answer answer;
		try {
			answer = this.http.post(tokenUri, attempt.form(), attempt.headers(), TokenResponseReader.MAX_BODY_BYTES);
		}
		catch (IOException ex) {
			throw unreachable(tokenUri, ex);
		}
		int status = answer.status();
		HttpHeaders headers = answer.headers();
		byte[] body = answer.body();
		String oversized = (body.length > TokenResponseReader.MAX_BODY_BYTES)
				? "a body over " + TokenResponseReader.MAX_BODY_BYTES / 1024 + " KiB, which is not read" : null;
		if (status < 200 || status > 299) {
			// an error page too large to read still says, in its headers, when to come back
			throw refusal(status, headers, (oversized != null) ? null : TokenResponseReader.error(body), oversized);
		}
		if (oversized != null) {
			throw invalidResponse(status, headers, oversized);
		}
		try {
			return this.reader.read(body);
		}
		catch (IllegalArgumentException ex) {
			throw invalidResponse(status, headers, ex.getMessage());
		}
	}

	/**
	 * The failure for an answer other than 2xx.
	 */
	private AnkorTokenException refusal(int status, HttpHeaders headers, @Nullable OAuth2Error error,
			@Nullable String unreadBody) {
		if (error == null) {
			String code = (status == 401) ? OAuth2ErrorCodes.INVALID_CLIENT
					: (status >= 500) ? OAuth2ErrorCodes.SERVER_ERROR
							: (status == 429) ? "too_many_requests" : OAuth2ErrorCodes.INVALID_REQUEST;
			error = new OAuth2Error(code, "Ankor's token endpoint answered HTTP " + status
					+ ((unreadBody != null) ? " with " + unreadBody : ""), null);
		}
		return new AnkorTokenException(error, status, retryAfter(headers), serverDate(headers), null);
	}

	/**
	 * The failure for a 2xx answer that holds no usable token response.
	 */
	private static AnkorTokenException invalidResponse(int status, HttpHeaders headers, String reason) {
		return new AnkorTokenException(new OAuth2Error("invalid_token_response",
				"Ankor's token endpoint answered HTTP " + status + " with " + reason, null), status, null,
				serverDate(headers), null);
	}

	/**
	 * The failure for a request that got no whole answer: an I/O error, a reset or a
	 * timeout.
	 */
	static AnkorTokenException unreachable(URI tokenUri, Throwable cause) {
		OAuth2Error error = new OAuth2Error("token_endpoint_unreachable",
				"no whole answer from " + withoutUserInfo(tokenUri) + " (it timed out, was reset or was refused): "
						+ rootMessage(cause),
				null);
		// no cause: Spring's I/O exceptions name the URI with its user-info
		return new AnkorTokenException(error, 0, null, null, null);
	}

	static String withoutUserInfo(URI uri) {
		if (uri.getRawUserInfo() == null) {
			return uri.toString();
		}
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
				+ uri.getRawPath();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return null;
		}
		Duration delay;
		try {
			delay = Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			Instant date = parseHttpDate(value);
			if (date == null) {
				return null;
			}
			// a date on the server's clock, which the answer's Date header tells
			Instant serverNow = serverDate(headers);
			delay = Duration.between((serverNow != null) ? serverNow : this.clock.instant(), date);
		}
		return delay.isNegative() ? Duration.ZERO : (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private static @Nullable Instant serverDate(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.DATE);
		return (value != null) ? parseHttpDate(value) : null;
	}

	private static @Nullable Instant parseHttpDate(String value) {
		try {
			return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Checks the headers the application's customizers set, which the JDK would refuse
	 * with their value in its message.
	 * @param headers the headers
	 * @throws IllegalStateException naming a header with a control character in its value,
	 * never the value
	 */
	static void checkCustomizedHeaders(HttpHeaders headers) {
		headers.forEach((name, values) -> {
			if (!isToken(name) || values.stream().anyMatch(TokenEndpointAttempt::hasControlCharacter)) {
				// the value is not repeated: it may be a secret read from a file with its line break
				throw new IllegalStateException("An AnkorTokenRequestCustomizer set a header "
						+ (isToken(name) ? "'" + name + "' to a value with a control character (a line break?)"
								: "whose name is not an HTTP header name"));
			}
		});
	}

	/** RFC 9110's token: what a header name may be. */
	private static boolean isToken(String name) {
		return !name.isEmpty()
				&& name.chars().allMatch((c) -> c > 0x20 && c < 0x7f && HEADER_NAME_DELIMITERS.indexOf(c) < 0);
	}

	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f);
	}

	/**
	 * What one attempt sends.
	 * @param form the form
	 * @param headers headers besides {@code Content-Type} and {@code Accept}
	 */
	record Request(MultiValueMap<String, String> form, HttpHeaders headers) {

	}

	/**
	 * The form of a token request. Spring's HTTP clients log request bodies at DEBUG with
	 * {@code toString()}, so this form shows its parameter names and never the assertion.
	 */
	static final class TokenRequestForm extends LinkedMultiValueMap<String, String> {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("{");
			forEach((name, values) -> {
				text.append((text.length() > 1) ? ", " : "").append(name).append('=');
				text.append(name.endsWith("assertion") ? "[<assertion>]" : values);
			});
			return text.append('}').toString();
		}

	}

}
