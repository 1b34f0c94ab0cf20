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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link TokenEndpointFault}: each fault over a real socket, with the JDK's
 * {@link HttpClient}.
 * <p>
 * Where a stall is expected, a client bound is asserted to pass; the simulator, not the
 * test, makes sure nothing arrives meanwhile. The JDK client's request timeout only
 * covers the wait for the headers, so a stall after them is bounded by waiting for the
 * body with a timeout.
 */
class TokenEndpointFaultTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/** The simulator's clock, a fraction past a full second. */
	private static final Instant NOW = Instant.parse("2026-05-01T09:30:00.750Z");

	/** How long a client waits for what a stall withholds. */
	private static final Duration CLIENT_BOUND = Duration.ofSeconds(1);

	/** How long the tests wait for what must come. */
	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Map<String, String> ANY_FORM = Map.of("grant_type", "password");

	private static final ExecutorService readers = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "body-reader");
		thread.setDaemon(true);
		return thread;
	});

	private static AnkorTestCredentials credentials;

	private static AnkorSimulator simulator;

	@BeforeAll
	static void start() {
		credentials = AnkorTestCredentials.generate();
		simulator = AnkorSimulator.builder().credentials(credentials).clock(Clock.fixed(NOW, ZoneOffset.UTC)).start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
		readers.shutdownNow();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@Test
	void stallAfterHeadersSendsHeadersAndPartOfTheBodyThenNothing() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.stallAfterHeaders());
		HttpResponse<InputStream> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		try (InputStream body = response.body()) {
			assertThat(new String(body.readNBytes(17), StandardCharsets.UTF_8)).isEqualTo("{\"access_token\":\"");
			assertThat(readRest(body)).failsWithin(CLIENT_BOUND).withThrowableOfType(TimeoutException.class);
		}
		TokenRequest request = simulator.getLastTokenRequest().orElseThrow();
		assertThat(request.status()).isEqualTo(200);
		assertThat(request.error()).isEqualTo("fault");
		assertThat(request.errorDescription()).isEqualTo("stall after headers");
		assertThat(request.isSuccessful()).isFalse();
	}

	@Test
	void resetEndsAStallByClosingTheConnection() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.stallAfterHeaders());
		HttpResponse<InputStream> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(body.read()).isEqualTo('{');
			CompletableFuture<byte[]> rest = readRest(body);
			simulator.reset();
			assertThat(rest).failsWithin(GENEROUS)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(UncheckedIOException.class);
		}
		assertThat(http.send(tokenRequest(simulator, jwtBearer(NOW)), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void trickleDeliversTheUsualAnswerWhole() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.trickle(Duration.ofMillis(1)));
		HttpResponse<String> response = http.send(tokenRequest(simulator, jwtBearer(NOW)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		TokenRequest request = simulator.getLastTokenRequest().orElseThrow();
		assertThat(request.isSuccessful()).isTrue();
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("access_token", request.issuedToken())
			.containsEntry("token_type", "Bearer");
	}

	@Test
	void trickleOutlastsABoundOnTheWholeAnswer() throws Exception {
		// about 150 bytes, 100 ms before each: some 15 s for the whole body
		simulator.failTokenEndpoint(1, TokenEndpointFault.trickle(Duration.ofMillis(100)));
		HttpResponse<InputStream> response = http.send(tokenRequest(simulator, jwtBearer(NOW)),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			assertThat(body.read()).isEqualTo('{');
			assertThat(readRest(body)).failsWithin(CLIENT_BOUND).withThrowableOfType(TimeoutException.class);
		}
	}

	@Test
	void acceptAndNeverAnswerRunsIntoTheRequestTimeout() {
		simulator.failTokenEndpoint(1, TokenEndpointFault.acceptAndNeverAnswer());
		HttpRequest request = HttpRequest.newBuilder(simulator.getTokenUri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(CLIENT_BOUND)
			.POST(HttpRequest.BodyPublishers.ofString(encode(ANY_FORM)))
			.build();
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
		await().atMost(GENEROUS).untilAsserted(() -> {
			TokenRequest received = simulator.getLastTokenRequest().orElseThrow();
			assertThat(received.status()).isZero();
			assertThat(received.errorDescription()).isEqualTo("accept and never answer");
		});
	}

	@Test
	void resetMidBodyBreaksTheBodyAfterTheHeaders() throws Exception {
		simulator.failTokenEndpoint(2, TokenEndpointFault.resetMidBody());
		HttpResponse<InputStream> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		try (InputStream body = response.body()) {
			assertThatIOException().isThrownBy(body::readAllBytes);
		}
		assertThatIOException()
			.isThrownBy(() -> http.send(tokenRequest(simulator, ANY_FORM), HttpResponse.BodyHandlers.ofString()));
		assertThat(simulator.getTokenRequests()).extracting(TokenRequest::errorDescription)
			.containsExactly("reset mid body", "reset mid body");
	}

	@Test
	void retryAfterDateIsTheSimulatorsClockPlusTheDelay() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.retryAfterDate(503, Duration.ofSeconds(120)));
		HttpResponse<String> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(httpDate(response, "Retry-After")).isEqualTo(NOW.plusSeconds(120).truncatedTo(ChronoUnit.SECONDS));
		assertThat(httpDate(response, "Date")).isEqualTo(NOW.truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void retryAfterDateFollowsTheClockOffset() throws Exception {
		simulator.setClockOffset(Duration.ofMinutes(-10));
		simulator.failTokenEndpoint(1, TokenEndpointFault.retryAfterDate(429, Duration.ofSeconds(30)));
		HttpResponse<String> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(429);
		Instant skewed = NOW.minus(Duration.ofMinutes(10));
		assertThat(httpDate(response, "Retry-After")).isEqualTo(skewed.plusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
		assertThat(httpDate(response, "Date")).isEqualTo(skewed.truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void secondsRetryAfterIsUnchanged() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.status(429, Duration.ofSeconds(7)));
		HttpResponse<String> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().allValues("Retry-After")).containsExactly("7");
	}

	@Test
	void oversizedBodyIsATokenResponseOfTheGivenLength() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.oversizedBody(70_000));
		HttpResponse<byte[]> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
		assertThat(response.body()).hasSize(70_000);
		assertThat(JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8)))
			.containsKeys("access_token", "padding")
			.containsEntry("token_type", "Bearer");
	}

	@Test
	void oversizedBodyIsAtLeastATokenResponse() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.oversizedBody(10));
		HttpResponse<String> response = http.send(tokenRequest(simulator, ANY_FORM),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.body().length()).isGreaterThan(10);
		assertThat(JSONObjectUtils.parse(response.body())).containsKey("access_token");
	}

	@Test
	void malformedBodyIsSentExactly() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.malformedBody("{\"access_token\":42}"));
		simulator.failTokenEndpoint(1, TokenEndpointFault.malformedBody("not json"));
		for (String expected : List.of("{\"access_token\":42}", "not json")) {
			HttpResponse<String> response = http.send(tokenRequest(simulator, ANY_FORM),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(response.body()).isEqualTo(expected);
		}
		assertThat(simulator.getTokenRequests()).extracting(TokenRequest::status).containsExactly(200, 200);
		assertThat(simulator.getTokenRequests()).noneMatch(TokenRequest::isSuccessful);
	}

	@Test
	void clockOffsetAheadDatesAnswersLaterAndExpiresAssertionsSooner() throws Exception {
		simulator.setClockOffset(Duration.ofMinutes(10));
		HttpResponse<String> response = http.send(tokenRequest(simulator, jwtBearer(NOW)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(httpDate(response, "Date")).isEqualTo(NOW.plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(simulator.getLastTokenRequest().orElseThrow().errorDescription())
			.isEqualTo("the assertion expired 300 s ago");
	}

	@Test
	void clockOffsetBehindDatesAnswersEarlierAndSeesAssertionsInTheFuture() throws Exception {
		simulator.setClockOffset(Duration.ofMinutes(-5));
		HttpResponse<String> response = http.send(tokenRequest(simulator, jwtBearer(NOW)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(httpDate(response, "Date")).isEqualTo(NOW.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(simulator.getLastTokenRequest().orElseThrow().errorDescription())
			.isEqualTo("claim 'iat' is 300 s in the future (check the client's clock)");
	}

	@Test
	void closeEndsAStallAfterHeadersPromptly() throws Exception {
		AnkorSimulator stalling = AnkorSimulator.builder().credentials(credentials).start();
		try {
			stalling.failTokenEndpoint(1, TokenEndpointFault.stallAfterHeaders());
			HttpResponse<InputStream> response = http.send(tokenRequest(stalling, ANY_FORM),
					HttpResponse.BodyHandlers.ofInputStream());
			InputStream body = response.body();
			assertThat(body.read()).isEqualTo('{');
			CompletableFuture<byte[]> rest = readRest(body);
			assertTimeoutPreemptively(GENEROUS, stalling::close);
			assertThat(rest).failsWithin(GENEROUS)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(UncheckedIOException.class);
		}
		finally {
			stalling.close();
		}
	}

	@Test
	void closeEndsANeverAnsweredRequestPromptly() {
		AnkorSimulator silent = AnkorSimulator.builder().credentials(credentials).start();
		try {
			silent.failTokenEndpoint(1, TokenEndpointFault.acceptAndNeverAnswer());
			CompletableFuture<HttpResponse<String>> response = http.sendAsync(tokenRequest(silent, ANY_FORM),
					HttpResponse.BodyHandlers.ofString());
			await().atMost(GENEROUS).until(() -> !silent.getTokenRequests().isEmpty());
			assertTimeoutPreemptively(GENEROUS, silent::close);
			assertThat(response).failsWithin(GENEROUS)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(IOException.class);
		}
		finally {
			silent.close();
		}
	}

	@Test
	void factoriesRefuseNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenEndpointFault.trickle(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenEndpointFault.oversizedBody(0));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenEndpointFault.malformedBody(null));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenEndpointFault.retryAfterDate(503, null));
	}

	/**
	 * Reads the rest of a body on another thread.
	 */
	private static CompletableFuture<byte[]> readRest(InputStream body) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return body.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, readers);
	}

	private static Instant httpDate(HttpResponse<?> response, String header) {
		return ZonedDateTime
			.parse(response.headers().firstValue(header).orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
			.toInstant();
	}

	/**
	 * A valid JWT-bearer grant whose assertion was issued at {@code iat} and lives five
	 * minutes.
	 */
	private static Map<String, String> jwtBearer(Instant iat) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("scopes", List.of("website:read:*"))
			.issuer(credentials.getCompanyUri())
			.subject(credentials.getCompanyUri())
			.claim("aud", "ankor.io")
			.claim("iat", iat.getEpochSecond())
			.claim("exp", iat.plusSeconds(300).getEpochSecond())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(credentials.getKeyId()).type(JOSEObjectType.JWT).build(),
				claims);
		jwt.sign(new ECDSASigner((ECPrivateKey) credentials.getKeyPair().getPrivate()));
		return Map.of("grant_type", SimulatedTokenEndpoint.JWT_BEARER, "assertion", jwt.serialize());
	}

	private static HttpRequest tokenRequest(AnkorSimulator target, Map<String, String> form) {
		return HttpRequest.newBuilder(target.getTokenUri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build();
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
