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
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.ankor.spring.boot.AnkorTokenException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * One attempt of a token request: posts the form with a {@link RestClient} on the JDK's
 * {@link HttpClient} and reads the answer, blocking. The read timeout bounds the whole
 * answer, body included (Spring closes a body still unread when it passes), redirects
 * are not followed, and no body over {@link TokenResponseReader#MAX_BODY_BYTES} is read.
 * Every failure is an {@link AnkorTokenException}: transient ones (no answer, a timeout,
 * a reset, {@code 408}, {@code 429}, {@code 5xx}) or refusals.
 *
 * @author Ankor starter team
 */
final class TokenEndpointAttempt {

	/** The longest {@code Retry-After} taken as it is. */
	static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	/**
	 * {@code HttpClient.shutdownNow()} where the JDK has it (21 and later); on 17 the JDK
	 * ends a client's selector thread once the client is no longer referenced.
	 */
	private static final @Nullable MethodHandle SHUTDOWN_NOW = shutdownNow();

	private final HttpClient httpClient;

	private final RestClient restClient;

	private final TokenResponseReader reader;

	private final Clock clock;

	TokenEndpointAttempt(TokenRequestSettings settings, RefreshPolicy policy) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.httpClient = httpClient;
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(settings.readTimeout());
		this.restClient = RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter()))
			.build();
		this.reader = new TokenResponseReader(policy);
		this.clock = policy.clock();
	}

	private static @Nullable MethodHandle shutdownNow() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(HttpClient.class, "shutdownNow", MethodType.methodType(void.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

	/**
	 * Stops the HTTP client and its threads: at once where the JDK can, an attempt in
	 * progress included; else once this attempt is no longer referenced.
	 */
	void close() {
		MethodHandle shutdownNow = SHUTDOWN_NOW;
		if (shutdownNow != null) {
			try {
				shutdownNow.invoke(this.httpClient);
			}
			catch (Throwable ex) {
				// the client goes with this attempt all the same
			}
		}
	}

	/**
	 * Sends the form and reads the token response.
	 * @param tokenUri the token endpoint
	 * @param form the form
	 * @return the token response
	 * @throws AnkorTokenException when no token response came
	 */
	OAuth2AccessTokenResponse send(URI tokenUri, MultiValueMap<String, String> form) {
		try {
			return this.restClient.post()
				.uri(tokenUri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> read(tokenUri, response), true);
		}
		catch (AnkorTokenException ex) {
			throw ex;
		}
		catch (RestClientException ex) {
			throw unreachable(tokenUri, ex);
		}
	}

	private OAuth2AccessTokenResponse read(URI tokenUri, ClientHttpResponse response) {
		int status;
		HttpHeaders headers;
		byte[] body;
		try {
			status = response.getStatusCode().value();
			headers = response.getHeaders();
			body = body(response);
		}
		catch (IOException ex) {
			throw unreachable(tokenUri, ex);
		}
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

	private static byte[] body(ClientHttpResponse response) throws IOException {
		try (InputStream in = response.getBody()) {
			return in.readNBytes(TokenResponseReader.MAX_BODY_BYTES + 1);
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
