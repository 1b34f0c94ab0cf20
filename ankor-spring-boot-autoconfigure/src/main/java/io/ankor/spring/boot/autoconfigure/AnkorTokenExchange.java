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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.ankor.spring.boot.AnkorTokenException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What the blocking {@link AnkorTokenResponseClient} and the reactive
 * {@link AnkorReactiveTokenResponseClient} share: the form of a token request, the
 * mapping of failures to {@link AnkorTokenException}, and one pipeline around the HTTP
 * attempts.
 * <p>
 * Transient failures (no response, timeouts, {@code 408}, {@code 429}, {@code 5xx}) are
 * retried with exponential backoff and jitter, honouring {@code Retry-After}, until the
 * retry budget is spent; each attempt after the first signs a fresh assertion. A refusal
 * fails at once, except that a refusal whose {@code Date} header shows our clock off by
 * more than {@link #CLOCK_SKEW_TOLERANCE} is retried once with the corrected time. The
 * whole request runs in an {@link Observation} named {@value #OBSERVATION} with the
 * low-cardinality keys {@code outcome}, {@code grant.type}, {@code error} and
 * {@code attempts}.
 *
 * @author Ankor starter team
 */
final class AnkorTokenExchange {

	static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String JWT_BEARER_CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(5);

	/** Name of the observation around each token request. */
	static final String OBSERVATION = "ankor.token.request";

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(AnkorTokenExchange.class);

	private final AnkorProperties.GrantType grantType;

	private final AnkorAssertionSigner signer;

	private final Clock clock;

	private final Duration initialBackoff;

	private final Duration retryBudget;

	private final ObservationRegistry observationRegistry;

	AnkorTokenExchange(AnkorProperties properties, AnkorAssertionSigner signer, Clock clock,
			ObservationRegistry observationRegistry) {
		this.grantType = properties.getGrantType();
		this.signer = signer;
		this.clock = clock;
		this.initialBackoff = properties.getHttp().getInitialBackoff();
		this.retryBudget = properties.getHttp().getRetryBudget();
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Runs a token request: attempts, retries, clock-skew correction and observation.
	 * @param grantRequest the request Spring Security made, with the first assertion
	 * @param attempt sends one attempt
	 * @return the token response, or an {@link AnkorTokenException}
	 */
	Mono<OAuth2AccessTokenResponse> exchange(JwtBearerGrantRequest grantRequest, Attempt attempt) {
		return Mono.defer(() -> {
			URI tokenUri = URI.create(grantRequest.getClientRegistration().getProviderDetails().getTokenUri());
			AtomicInteger attempts = new AtomicInteger();
			AtomicBoolean skewCorrected = new AtomicBoolean();
			Instant start = this.clock.instant();
			Observation observation = Observation.createNotStarted(OBSERVATION, this.observationRegistry)
				.contextualName("ankor token request")
				.lowCardinalityKeyValue("grant.type", this.grantType.toPropertyValue())
				.start();
			return Mono.defer(() -> {
				int number = attempts.incrementAndGet();
				Jwt assertion = (number == 1) ? grantRequest.getJwt() : this.signer.sign();
				return attempt.send(tokenUri, form(assertion.getTokenValue()))
					.doOnNext((response) -> logSuccess(tokenUri, number, response))
					.doOnError((ex) -> logger.debug("Ankor token request to %s failed on attempt %d: %s"
						.formatted(tokenUri, number, ex.getMessage())));
			})
				.retryWhen(Retry.from((signals) -> signals
					.concatMap((signal) -> retryDecision(signal.failure(), signal.totalRetriesInARow(), start,
							skewCorrected, attempts.get()))))
				// stopped before the result reaches the caller, so that it is complete when the caller sees it
				.doOnSuccess((response) -> {
					observation.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error", "none");
					stop(observation, attempts);
				})
				.doOnError((ex) -> {
					String error = (ex instanceof AnkorTokenException tokenException) ? tokenException.getErrorCode()
							: "other";
					observation.lowCardinalityKeyValue("outcome", "failure")
						.lowCardinalityKeyValue("error", error.matches("[a-z_]{1,40}") ? error : "other");
					observation.error(ex);
					stop(observation, attempts);
				})
				.doOnCancel(() -> stop(observation, attempts));
		});
	}

	private static void stop(Observation observation, AtomicInteger attempts) {
		observation.lowCardinalityKeyValue("attempts", Integer.toString(attempts.get()));
		observation.stop();
	}

	private Mono<Long> retryDecision(Throwable failure, long retriesInARow, Instant start, AtomicBoolean skewCorrected,
			int attempts) {
		if (!(failure instanceof AnkorTokenException ex)) {
			return Mono.error(failure);
		}
		if (!ex.isTransient()) {
			if (!skewCorrected.get() && correctClockSkew(ex)) {
				skewCorrected.set(true);
				return Mono.just(retriesInARow);
			}
			return Mono.error(ex);
		}
		Duration delay = backoff(retriesInARow, ex.getRetryAfter());
		Duration spent = Duration.between(start, this.clock.instant());
		if (spent.plus(delay).compareTo(this.retryBudget) > 0) {
			return Mono.error(ex);
		}
		logger.debug("Ankor token request attempt %d failed (%s); retrying in %d ms".formatted(attempts,
				ex.getErrorCode(), delay.toMillis()));
		return Mono.delay(delay).thenReturn(retriesInARow);
	}

	private static void logSuccess(URI tokenUri, int attempt, OAuth2AccessTokenResponse response) {
		if (logger.isDebugEnabled()) {
			logger.debug("Ankor token request to %s succeeded on attempt %d; token expires at %s".formatted(tokenUri,
					attempt, response.getAccessToken().getExpiresAt()));
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

	private Duration backoff(long retriesInARow, Duration retryAfter) {
		if (retryAfter != null) {
			return retryAfter;
		}
		long base = this.initialBackoff.toMillis() << Math.min(retriesInARow, 16);
		long capped = Math.min(base, MAX_BACKOFF.toMillis());
		// jitter between half and all of the backoff keeps the callers of many instances apart
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

	/**
	 * The failure for an answer other than 2xx.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param error the OAuth 2.0 error read from the body, if any
	 * @return the exception
	 */
	static AnkorTokenException refusal(int status, HttpHeaders headers, OAuth2Error error) {
		if (error == null || error.getErrorCode() == null) {
			String code = (status == 401) ? OAuth2ErrorCodes.INVALID_CLIENT
					: (status >= 500) ? OAuth2ErrorCodes.SERVER_ERROR
							: (status == 429) ? "too_many_requests" : OAuth2ErrorCodes.INVALID_REQUEST;
			error = new OAuth2Error(code, "Ankor's token endpoint answered HTTP " + status, null);
		}
		return new AnkorTokenException(error, status, retryAfter(headers), serverDate(headers), null);
	}

	/**
	 * The failure for a 2xx answer that holds no usable token response.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param reason what was wrong
	 * @return the exception
	 */
	static AnkorTokenException invalidResponse(int status, HttpHeaders headers, String reason) {
		return new AnkorTokenException(new OAuth2Error("invalid_token_response",
				"Ankor's token endpoint answered HTTP " + status + " with " + reason, null), status, null,
				serverDate(headers), null);
	}

	/**
	 * The failure for a request that got no answer: I/O error or timeout.
	 * @param tokenUri the token endpoint
	 * @param cause the cause
	 * @return the exception
	 */
	static AnkorTokenException unreachable(URI tokenUri, Throwable cause) {
		OAuth2Error error = new OAuth2Error("token_endpoint_unreachable",
				"no answer from " + tokenUri + ": " + rootMessage(cause), null);
		return new AnkorTokenException(error, 0, null, null, cause);
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
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
			if (date == null) {
				return null;
			}
			Duration delay = Duration.between(Instant.now(), date);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
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

	/**
	 * Sends one attempt of a token request.
	 */
	@FunctionalInterface
	interface Attempt {

		/**
		 * Sends the form.
		 * @param tokenUri the token endpoint
		 * @param form the form
		 * @return the token response, or an {@link AnkorTokenException}
		 */
		Mono<OAuth2AccessTokenResponse> send(URI tokenUri, MultiValueMap<String, String> form);

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
