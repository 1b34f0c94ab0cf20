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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.ankor.spring.boot.AnkorTokenException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Exchanges an assertion for an access token at Ankor's token endpoint, as a JWT-bearer
 * grant (RFC 7523 section 2.1) or as {@code client_credentials} with a
 * {@code client_assertion} (section 2.2).
 * <p>
 * Transient failures (no response, timeouts, {@code 408}, {@code 429}, {@code 5xx}) are
 * retried with exponential backoff and jitter, honouring {@code Retry-After}, until the
 * retry budget is spent; each attempt signs a fresh assertion. A refusal fails at once,
 * except that a refusal whose {@code Date} header shows our clock off by more than
 * {@link #CLOCK_SKEW_TOLERANCE} is retried once with the corrected time.
 *
 * @author Ankor starter team
 */
final class AnkorTokenResponseClient implements OAuth2AccessTokenResponseClient<JwtBearerGrantRequest> {

	static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String JWT_BEARER_CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(5);

	/** Name of the observation around each token request. */
	static final String OBSERVATION = "ankor.token.request";

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(AnkorTokenResponseClient.class);

	private final RestClient restClient;

	private final AnkorProperties.GrantType grantType;

	private final AnkorAssertionSigner signer;

	private final Clock clock;

	private final Duration initialBackoff;

	private final Duration retryBudget;

	private final ObservationRegistry observationRegistry;

	AnkorTokenResponseClient(AnkorProperties properties, AnkorAssertionSigner signer, Clock clock,
			ObservationRegistry observationRegistry) {
		this(restClient(properties.getHttp()), properties.getGrantType(), signer, clock,
				properties.getHttp().getInitialBackoff(), properties.getHttp().getRetryBudget(), observationRegistry);
	}

	AnkorTokenResponseClient(RestClient restClient, AnkorProperties.GrantType grantType, AnkorAssertionSigner signer,
			Clock clock, Duration initialBackoff, Duration retryBudget, ObservationRegistry observationRegistry) {
		this.restClient = restClient;
		this.grantType = grantType;
		this.signer = signer;
		this.clock = clock;
		this.initialBackoff = initialBackoff;
		this.retryBudget = retryBudget;
		this.observationRegistry = observationRegistry;
	}

	private static RestClient restClient(AnkorProperties.Http http) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(http.getConnectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(http.getReadTimeout());
		OAuth2AccessTokenResponseHttpMessageConverter tokenConverter = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokenConverter.setAccessTokenResponseConverter(new AnkorTokenResponseConverter());
		return RestClient.builder()
			.requestFactory(requestFactory)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(tokenConverter)
				.addCustomConverter(new OAuth2ErrorHttpMessageConverter()))
			.build();
	}

	/**
	 * Obtains a token, retrying transient failures, inside an {@link Observation} named
	 * {@value #OBSERVATION} with the low-cardinality keys {@code outcome},
	 * {@code grant.type}, {@code error} and {@code attempts}.
	 */
	@Override
	public OAuth2AccessTokenResponse getTokenResponse(JwtBearerGrantRequest grantRequest) {
		AtomicInteger attempts = new AtomicInteger();
		Observation observation = Observation.createNotStarted(OBSERVATION, this.observationRegistry)
			.contextualName("ankor token request")
			.lowCardinalityKeyValue("grant.type", this.grantType.name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.start();
		try {
			OAuth2AccessTokenResponse response = getTokenResponse(grantRequest, attempts);
			observation.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error", "none");
			return response;
		}
		catch (RuntimeException ex) {
			String error = (ex instanceof AnkorTokenException tokenException) ? tokenException.getErrorCode() : "other";
			observation.lowCardinalityKeyValue("outcome", "failure")
				.lowCardinalityKeyValue("error", error.matches("[a-z_]{1,40}") ? error : "other");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.lowCardinalityKeyValue("attempts", Integer.toString(attempts.get()));
			observation.stop();
		}
	}

	private OAuth2AccessTokenResponse getTokenResponse(JwtBearerGrantRequest grantRequest, AtomicInteger attempts) {
		URI tokenUri = URI.create(grantRequest.getClientRegistration().getProviderDetails().getTokenUri());
		Instant start = this.clock.instant();
		boolean[] skewRetried = { false };
		OAuth2AccessTokenResponse response = Mono.fromCallable(() -> {
			int attempt = attempts.incrementAndGet();
			Jwt assertion = (attempt == 1) ? grantRequest.getJwt() : this.signer.sign();
			return exchange(tokenUri, assertion, attempt);
		}).retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!(failure instanceof AnkorTokenException ex)) {
				return Mono.error(failure);
			}
			if (!ex.isTransient()) {
				if (!skewRetried[0] && correctClockSkew(ex)) {
					skewRetried[0] = true;
					return Mono.just(signal.totalRetries());
				}
				return Mono.error(ex);
			}
			Duration delay = backoff(signal.totalRetriesInARow(), ex.getRetryAfter());
			Duration spent = Duration.between(start, this.clock.instant());
			if (spent.plus(delay).compareTo(this.retryBudget) > 0) {
				return Mono.error(ex);
			}
			logger.debug("Ankor token request attempt %d failed (%s); retrying in %d ms".formatted(
					attempts.get(), ex.getErrorCode(), delay.toMillis()));
			return Mono.delay(delay).thenReturn(signal.totalRetries());
		}))).block();
		return response;
	}

	private OAuth2AccessTokenResponse exchange(URI tokenUri, Jwt assertion, int attempt) {
		MultiValueMap<String, String> form = form(assertion.getTokenValue());
		try {
			OAuth2AccessTokenResponse response = this.restClient.post()
				.uri(tokenUri)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, clientResponse) -> {
					if (clientResponse.getStatusCode().is2xxSuccessful()) {
						return read(clientResponse);
					}
					throw error(clientResponse);
				}, true);
			if (logger.isDebugEnabled()) {
				logger.debug("Ankor token request to %s succeeded on attempt %d; token expires at %s"
					.formatted(tokenUri, attempt, response.getAccessToken().getExpiresAt()));
			}
			return response;
		}
		catch (AnkorTokenException ex) {
			logger.debug("Ankor token request to %s failed on attempt %d: %s".formatted(tokenUri, attempt,
					ex.getMessage()));
			throw ex;
		}
		catch (RestClientException ex) {
			// I/O errors and timeouts: no response arrived
			OAuth2Error error = new OAuth2Error("token_endpoint_unreachable",
					"no answer from " + tokenUri + ": " + rootMessage(ex), null);
			logger.debug("Ankor token request to %s failed on attempt %d: %s".formatted(tokenUri, attempt,
					error.getDescription()));
			throw new AnkorTokenException(error, 0, null, null, ex);
		}
	}

	private MultiValueMap<String, String> form(String assertion) {
		MultiValueMap<String, String> form = new TokenRequestForm();
		if (this.grantType == AnkorProperties.GrantType.CLIENT_CREDENTIALS) {
			form.add("grant_type", "client_credentials");
			form.add("client_assertion_type", JWT_BEARER_CLIENT_ASSERTION);
			form.add("client_assertion", assertion);
		}
		else {
			form.add("grant_type", JWT_BEARER_GRANT);
			form.add("assertion", assertion);
		}
		return form;
	}

	private OAuth2AccessTokenResponse read(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response)
			throws IOException {
		int status = response.getStatusCode().value();
		try {
			OAuth2AccessTokenResponse tokenResponse = response.bodyTo(OAuth2AccessTokenResponse.class);
			if (tokenResponse != null) {
				return tokenResponse;
			}
		}
		catch (RestClientException | IllegalArgumentException ex) {
			throw new AnkorTokenException(new OAuth2Error("invalid_token_response",
					"Ankor's token endpoint answered HTTP " + status + " with an unreadable token response: "
							+ rootMessage(ex),
					null), status, null, serverDate(response.getHeaders()), null);
		}
		throw new AnkorTokenException(new OAuth2Error("invalid_token_response",
				"Ankor's token endpoint answered HTTP " + status + " with an empty body", null), status, null,
				serverDate(response.getHeaders()), null);
	}

	private AnkorTokenException error(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response)
			throws IOException {
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		OAuth2Error error = null;
		MediaType contentType = headers.getContentType();
		if (contentType != null && (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| "json".equals(contentType.getSubtypeSuffix()))) {
			try {
				error = response.bodyTo(OAuth2Error.class);
			}
			catch (RestClientException | IllegalArgumentException ex) {
				// fall through to a generic error
			}
		}
		if (error == null || error.getErrorCode() == null) {
			String code = (status == 401) ? OAuth2ErrorCodes.INVALID_CLIENT
					: (status >= 500) ? OAuth2ErrorCodes.SERVER_ERROR
							: (status == 429) ? "too_many_requests" : OAuth2ErrorCodes.INVALID_REQUEST;
			error = new OAuth2Error(code, "Ankor's token endpoint answered HTTP " + status, null);
		}
		return new AnkorTokenException(error, status, retryAfter(headers), serverDate(headers), null);
	}

	private Duration backoff(long retriesInARow, Duration retryAfter) {
		if (retryAfter != null) {
			return retryAfter;
		}
		long base = this.initialBackoff.toMillis() << Math.min(retriesInARow, 16);
		long capped = Math.min(base, MAX_BACKOFF.toMillis());
		// full jitter between half and all of the backoff keeps callers of many instances apart
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

	/**
	 * When a refused request's {@code Date} shows our clock off, shift later assertions.
	 * @return whether the time of assertions was corrected
	 */
	private boolean correctClockSkew(AnkorTokenException ex) {
		Instant serverDate = ex.getServerDate();
		if (serverDate == null) {
			return false;
		}
		Duration offset = Duration.between(this.clock.instant(), serverDate);
		Duration change = offset.minus(this.signer.getClockOffset()).abs();
		if (offset.abs().compareTo(CLOCK_SKEW_TOLERANCE) <= 0 || change.compareTo(CLOCK_SKEW_TOLERANCE) <= 0) {
			return false;
		}
		logger.warn(("Ankor refused an assertion (%s) and its token endpoint's clock is %d s %s ours; "
				+ "signing assertions with the corrected time from now on. Check this machine's clock (NTP).")
			.formatted(ex.getErrorCode(), Math.round(offset.abs().toMillis() / 1000.0),
					offset.isNegative() ? "behind" : "ahead of"));
		this.signer.setClockOffset(offset);
		return true;
	}

	private static Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			Instant date = parseHttpDate(value);
			return (date != null) ? maxZero(Duration.between(Instant.now(), date)) : null;
		}
	}

	private static Duration maxZero(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static Instant serverDate(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.DATE);
		return (value != null) ? parseHttpDate(value) : null;
	}

	private static Instant parseHttpDate(String value) {
		try {
			return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
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
