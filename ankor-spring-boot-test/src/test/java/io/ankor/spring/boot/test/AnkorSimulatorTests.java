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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link AnkorSimulator}: every rule of the token endpoint with real signed
 * JWTs, the API guard, faults and the inspection API.
 */
class AnkorSimulatorTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/**
	 * The time on the clock of {@link #stoppedClockSimulator()}, a fraction past a full
	 * second: the simulator judges an assertion by exactly the instant the test built it
	 * from, and no second boundary can pass in between.
	 */
	private static final Instant STOPPED_CLOCK = Instant.parse("2026-05-01T09:30:00.750Z");

	private static AnkorSimulator simulator;

	private static AnkorTestCredentials ec;

	private static AnkorTestCredentials rsa;

	@BeforeAll
	static void start() {
		ec = AnkorTestCredentials.generate();
		rsa = AnkorTestCredentials.generateRsa();
		simulator = AnkorSimulator.builder().credentials(ec).tokenLifetime(Duration.ofMinutes(30)).start();
		simulator.registerKey(rsa.getKeyId(), rsa.getKeyPair().getPublic(), rsa.getCompanyUri());
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
		simulator.setTokenLifetime(Duration.ofMinutes(30));
	}

	@Test
	void issuesAnOpaqueTokenForAValidJwtBearerGrant() throws Exception {
		Map<String, Object> answer = requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		})));
		assertThat(answer).containsEntry("status", 200L).containsEntry("token_type", "Bearer");
		assertThat(answer).containsEntry("expires_in", 1800L).containsEntry("scope", "website:read:*");
		String token = (String) answer.get("access_token");
		assertThat(token).hasSizeGreaterThan(30).doesNotContain(".");
		IssuedToken issued = simulator.getIssuedTokens().get(0);
		assertThat(issued.value()).isEqualTo(token);
		assertThat(issued.scopes()).containsExactly("website:read:*");
		assertThat(issued.companyUri()).isEqualTo(ec.getCompanyUri());
		assertThat(Duration.between(issued.issuedAt(), issued.expiresAt())).isEqualTo(Duration.ofMinutes(30));
		TokenRequest request = simulator.getLastTokenRequest().orElseThrow();
		assertThat(request.isSuccessful()).isTrue();
		assertThat(request.grantType()).isEqualTo(SimulatedTokenEndpoint.JWT_BEARER);
		assertThat(request.header()).containsEntry("kid", ec.getKeyId()).containsEntry("alg", "ES256");
		assertThat(request.claims()).containsEntry("aud", "ankor.io").containsEntry("iss", ec.getCompanyUri());
	}

	@Test
	void aRetiredKeyIsRefusedAndItsTokensAreRevokedWhileANewKeyOfTheCompanyWorks() throws Exception {
		AnkorTestCredentials next = ec.withNewKey();
		simulator.registerKey(next);
		String old = (String) requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		}))).get("access_token");
		String renewed = (String) requestToken(jwtBearer(assertion(next, (c) -> {
		}, (h) -> {
		}))).get("access_token");
		simulator.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/website/yachts")
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));
		simulator.retireKey(ec.getKeyId());
		try {
			assertThat(api(old).statusCode()).isEqualTo(401);
			assertThat(api(renewed).statusCode()).isEqualTo(200);
			assertInvalidGrant(assertion(ec, (c) -> {
			}, (h) -> {
			}), "header 'kid' names no registered key: '" + ec.getKeyId() + "'");
		}
		finally {
			simulator.registerKey(ec);
		}
	}

	@Test
	void issuesATokenForAValidClientCredentialsGrantWithAnRsaKey() throws Exception {
		String assertion = assertion(rsa, (c) -> c.claim("scopes", List.of("entity:*")), (h) -> {
		});
		Map<String, Object> answer = requestToken(Map.of("grant_type", "client_credentials", "client_assertion_type",
				SimulatedTokenEndpoint.CLIENT_ASSERTION_TYPE, "client_assertion", assertion));
		assertThat(answer).containsEntry("status", 200L).containsEntry("scope", "entity:*");
	}

	@Test
	void refusesAWrongContentType() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(simulator.getTokenUri())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertRefused(answer(response), 400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
	}

	@Test
	void refusesMissingOrUnknownGrantTypes() throws Exception {
		assertRefused(requestToken(Map.of("assertion", "x")), 400, "invalid_request", "parameter 'grant_type' is missing");
		assertRefused(requestToken(Map.of("grant_type", "password")), 400, "unsupported_grant_type", "grant_type must be");
		assertRefused(requestToken(Map.of("grant_type", SimulatedTokenEndpoint.JWT_BEARER)), 400, "invalid_request",
				"parameter 'assertion' is missing");
		assertRefused(requestToken(Map.of("grant_type", "client_credentials", "client_assertion", "x")), 400,
				"invalid_request", "parameter 'client_assertion_type' must be");
		assertRefused(requestToken(Map.of("grant_type", "client_credentials", "client_assertion_type",
				SimulatedTokenEndpoint.CLIENT_ASSERTION_TYPE)), 400, "invalid_request",
				"parameter 'client_assertion' is missing");
	}

	@Test
	void refusesWhatIsNotASignedJwt() throws Exception {
		assertRefused(requestToken(jwtBearer("not.a.jwt")), 400, "invalid_grant", "not a signed JWT");
	}

	@Test
	void refusesAWrongOrMissingType() throws Exception {
		assertInvalidGrant(assertion(ec, (c) -> {
		}, (h) -> h.type(new JOSEObjectType("at+jwt"))), "header 'typ' must be \"JWT\"");
		assertInvalidGrant(assertion(ec, (c) -> {
		}, (h) -> h.type(null)), "header 'typ' must be \"JWT\"");
	}

	@Test
	void refusesAMissingOrUnknownKeyId() throws Exception {
		assertInvalidGrant(assertion(ec, (c) -> {
		}, (h) -> h.keyID(null)), "header 'kid' is missing");
		assertInvalidGrant(assertion(ec, (c) -> {
		}, (h) -> h.keyID("someone-else")), "header 'kid' names no registered key: 'someone-else'");
	}

	@Test
	void refusesAnAlgorithmThatDoesNotFitTheKey() throws Exception {
		String assertion = sign(rsa.getKeyPair().getPrivate(), new JWSHeader.Builder(JWSAlgorithm.RS384)
			.keyID(rsa.getKeyId())
			.type(JOSEObjectType.JWT), validClaims(rsa).build());
		assertInvalidGrant(assertion, "header 'alg' is RS384 but the key registered for this kid signs RS256");
	}

	@Test
	void refusesASignatureOfAnotherKey() throws Exception {
		KeyPair other = AnkorTestCredentials.generateEcKeyPair();
		String assertion = sign(other.getPrivate(),
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyId()).type(JOSEObjectType.JWT),
				validClaims(ec).build());
		assertInvalidGrant(assertion, "the signature does not verify");
	}

	@Test
	void refusesMissingAndExtraClaims() throws Exception {
		for (String claim : List.of("scopes", "iss", "sub", "aud", "iat", "exp")) {
			assertInvalidGrant(assertion(ec, (c) -> c.claim(claim, null), (h) -> {
			}), "claim '" + claim + "' is missing");
		}
		assertInvalidGrant(assertion(ec, (c) -> c.jwtID("id-1"), (h) -> {
		}), "claim 'jti' is not one Ankor accepts");
	}

	@Test
	void refusesScopesThatAreNotAnArrayOfStrings() throws Exception {
		assertInvalidGrant(assertion(ec, (c) -> c.claim("scopes", "website:read:*"), (h) -> {
		}), "claim 'scopes' must be a non-empty JSON array of strings");
		assertInvalidGrant(assertion(ec, (c) -> c.claim("scopes", List.of()), (h) -> {
		}), "claim 'scopes' must be a non-empty JSON array of strings");
	}

	@Test
	void refusesIssuerOrSubjectOtherThanTheCompany() throws Exception {
		assertInvalidGrant(assertion(ec, (c) -> c.issuer("https://evil.example"), (h) -> {
		}), "claim 'iss' must be the company URI registered for this kid");
		assertInvalidGrant(assertion(ec, (c) -> c.subject(rsa.getCompanyUri()), (h) -> {
		}), "claim 'sub' must be the company URI registered for this kid");
	}

	@Test
	void refusesAnAudienceArrayOrAnotherAudience() throws Exception {
		assertInvalidGrant(assertion(ec, (c) -> c.claim("aud", List.of("ankor.io", "other")), (h) -> {
		}), "claim 'aud' must be the JSON string \"ankor.io\", not an array");
		assertInvalidGrant(assertion(ec, (c) -> c.audience("api.ankor.io"), (h) -> {
		}), "claim 'aud' must be \"ankor.io\"");
	}

	@Test
	void refusesTimesOutsideTheRules() throws Exception {
		try (AnkorSimulator stopped = stoppedClockSimulator()) {
			Instant now = STOPPED_CLOCK;
			assertInvalidGrant(stopped, assertion(ec, (c) -> c.claim("iat", 1.5), (h) -> {
			}), "claims 'iat' and 'exp' must be whole epoch seconds");
			assertInvalidGrant(stopped,
					assertion(ec, (c) -> times(c, now.plusSeconds(60), now.plusSeconds(120)), (h) -> {
					}), "claim 'iat' is 60 s in the future");
			assertInvalidGrant(stopped, assertion(ec, (c) -> times(c, now, now.plusSeconds(3601)), (h) -> {
			}), "'exp' - 'iat' is 3601 s; an assertion may live at most 3600 s");
			assertInvalidGrant(stopped,
					assertion(ec, (c) -> times(c, now.minusSeconds(120), now.minusSeconds(60)), (h) -> {
					}), "the assertion expired 60 s ago");
			assertInvalidGrant(stopped, assertion(ec, (c) -> times(c, now, now), (h) -> {
			}), "claim 'exp' must be after 'iat'");
		}
	}

	@Test
	void acceptsAnHourLongAssertionAndASmallClockDifference() throws Exception {
		try (AnkorSimulator stopped = stoppedClockSimulator()) {
			Instant now = STOPPED_CLOCK;
			Map<String, Object> answer = requestToken(stopped, jwtBearer(assertion(ec,
					(c) -> times(c, now.plusSeconds(3), now.plusSeconds(3603)), (h) -> {
					})));
			assertThat(answer).containsEntry("status", 200L);
		}
	}

	@Test
	void restrictsScopesWhenAsked() throws Exception {
		try (AnkorSimulator strict = AnkorSimulator.builder().credentials(ec).allowedScopes("website:read:*").start()) {
			String assertion = assertion(ec, (c) -> c.claim("scopes", List.of("entity:*")), (h) -> {
			});
			HttpResponse<String> response = post(strict.getTokenUri(), jwtBearer(assertion));
			assertRefused(strict, answer(response), 400, "invalid_scope",
					"scope 'entity:*' is not granted to this company");
		}
	}

	@Test
	void guardsTheApiWithIssuedTokens() throws Exception {
		simulator.stubFor(get("/website/yachts").willReturn(okJson("[\"Blue Lagoon\"]")));
		HttpResponse<String> anonymous = api(null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ankor\"");
		HttpResponse<String> forged = api("forged");
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow())
			.contains("error=\"invalid_token\"", "unknown token");
		String token = (String) requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		}))).get("access_token");
		HttpResponse<String> ok = api(token);
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).contains("Blue Lagoon");
		simulator.revoke(token);
		assertThat(api(token).headers().firstValue("WWW-Authenticate").orElseThrow()).contains("token revoked");
	}

	@Test
	void expiresTokensByItsClock() throws Exception {
		simulator.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		String token = (String) requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		}))).get("access_token");
		assertThat(api(token).statusCode()).isEqualTo(200);
		simulator.setClockOffset(Duration.ofMinutes(31));
		HttpResponse<String> expired = api(token);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("token expired");
	}

	@Test
	void revokeAllRevokesEveryToken() throws Exception {
		simulator.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		String first = (String) requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		}))).get("access_token");
		simulator.revokeAll();
		assertThat(api(first).statusCode()).isEqualTo(401);
		assertThat(simulator.getIssuedTokens()).allMatch(IssuedToken::revoked);
	}

	@Test
	void failsTheTokenEndpointOnDemandThenRecovers() throws Exception {
		simulator.failTokenEndpoint(1, TokenEndpointFault.status(503, Duration.ofSeconds(2)));
		simulator.failTokenEndpoint(1, TokenEndpointFault.oauthError(400, "invalid_grant", "Key revoked"));
		simulator.failTokenEndpoint(1, TokenEndpointFault.connectionReset());
		String assertion = assertion(ec, (c) -> {
		}, (h) -> {
		});
		HttpResponse<String> unavailable = post(simulator.getTokenUri(), jwtBearer(assertion));
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("2");
		assertRefused(requestToken(jwtBearer(assertion)), 400, "invalid_grant", "Key revoked");
		assertThatIOException().isThrownBy(() -> post(simulator.getTokenUri(), jwtBearer(assertion)));
		assertThat(requestToken(jwtBearer(assertion))).containsEntry("status", 200L);
		assertThat(simulator.getTokenRequests()).extracting(TokenRequest::status).containsExactly(503, 400, 0, 200);
	}

	@Test
	void delaysTheTokenEndpointOnDemand() throws Exception {
		simulator.setTokenEndpointDelay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		})))).containsEntry("status", 200L);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void canLeaveOutExpiresIn() throws Exception {
		simulator.setSendExpiresIn(false);
		assertThat(requestToken(jwtBearer(assertion(ec, (c) -> {
		}, (h) -> {
		})))).containsEntry("status", 200L).doesNotContainKey("expires_in");
	}

	@Test
	void datesItsAnswersByItsClock() throws Exception {
		try (AnkorSimulator stopped = stoppedClockSimulator()) {
			stopped.setClockOffset(Duration.ofMinutes(5));
			HttpResponse<String> response = post(stopped.getTokenUri(), Map.of("grant_type", "password"));
			Instant date = ZonedDateTime
				.parse(response.headers().firstValue("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
				.toInstant();
			assertThat(date).isEqualTo(STOPPED_CLOCK.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
			assertThat(response.headers().allValues("Date")).hasSize(1);
		}
	}

	@Test
	void exposesPropertiesForTheStarter() {
		assertThat(simulator.getProperties()).containsEntry("ankor.company-uri", ec.getCompanyUri())
			.containsEntry("ankor.key-id", ec.getKeyId())
			.containsEntry("ankor.api-url", simulator.getBaseUrl())
			.containsKeys("ankor.private-key", "ankor.public-key");
		assertThat(ec.toString()).doesNotContain(ec.getPrivateKeyPem().lines().skip(1).findFirst().orElseThrow());
	}

	/**
	 * A simulator whose clock stands still at {@link #STOPPED_CLOCK}.
	 * @return the running simulator, to close
	 */
	private static AnkorSimulator stoppedClockSimulator() {
		return AnkorSimulator.builder().credentials(ec).clock(Clock.fixed(STOPPED_CLOCK, ZoneOffset.UTC)).start();
	}

	private static void assertInvalidGrant(String assertion, String description) throws Exception {
		assertInvalidGrant(simulator, assertion, description);
	}

	private static void assertInvalidGrant(AnkorSimulator target, String assertion, String description)
			throws Exception {
		assertRefused(target, requestToken(target, jwtBearer(assertion)), 400, "invalid_grant", description);
	}

	private static void assertRefused(Map<String, Object> answer, int status, String error, String description) {
		assertRefused(simulator, answer, status, error, description);
	}

	/**
	 * Asserts the answer of the simulator {@code target} to a token request that was just
	 * sent to it, and that it recorded that request, refused, as its last.
	 */
	private static void assertRefused(AnkorSimulator target, Map<String, Object> answer, int status, String error,
			String description) {
		assertThat(answer).containsEntry("status", (long) status).containsEntry("error", error);
		assertThat((String) answer.get("error_description")).contains(description);
		TokenRequest request = target.getLastTokenRequest().orElseThrow();
		assertThat(request.status()).isEqualTo(status);
		assertThat(request.error()).isEqualTo(error);
		assertThat(request.isSuccessful()).isFalse();
	}

	private static Map<String, String> jwtBearer(String assertion) {
		return Map.of("grant_type", SimulatedTokenEndpoint.JWT_BEARER, "assertion", assertion);
	}

	private static JWTClaimsSet.Builder validClaims(AnkorTestCredentials credentials) {
		Instant now = Instant.now();
		return times(new JWTClaimsSet.Builder().claim("scopes", List.of("website:read:*"))
			.issuer(credentials.getCompanyUri())
			.claim("aud", "ankor.io")
			.subject(credentials.getCompanyUri()), now, now.plusSeconds(300));
	}

	private static JWTClaimsSet.Builder times(JWTClaimsSet.Builder claims, Instant iat, Instant exp) {
		return claims.claim("iat", iat.getEpochSecond()).claim("exp", exp.getEpochSecond());
	}

	private static String assertion(AnkorTestCredentials credentials, Consumer<JWTClaimsSet.Builder> claims,
			Consumer<JWSHeader.Builder> header) throws JOSEException {
		boolean isEc = credentials.getKeyPair().getPrivate() instanceof ECPrivateKey;
		JWSHeader.Builder headerBuilder = new JWSHeader.Builder(isEc ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
			.keyID(credentials.getKeyId())
			.type(JOSEObjectType.JWT);
		header.accept(headerBuilder);
		JWTClaimsSet.Builder claimsBuilder = validClaims(credentials);
		claims.accept(claimsBuilder);
		return sign(credentials.getKeyPair().getPrivate(), headerBuilder, claimsBuilder.build());
	}

	private static String sign(PrivateKey key, JWSHeader.Builder header, JWTClaimsSet claims) throws JOSEException {
		JWSSigner signer = (key instanceof ECPrivateKey ecKey) ? new ECDSASigner(ecKey) : new RSASSASigner(key);
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static Map<String, Object> requestToken(Map<String, String> form) throws Exception {
		return requestToken(simulator, form);
	}

	private static Map<String, Object> requestToken(AnkorSimulator target, Map<String, String> form)
			throws Exception {
		return answer(post(target.getTokenUri(), form));
	}

	private static HttpResponse<String> post(URI uri, Map<String, String> form)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Map<String, Object> answer(HttpResponse<String> response) throws Exception {
		Map<String, Object> answer = new LinkedHashMap<>(JSONObjectUtils.parse(response.body()));
		answer.put("status", (long) response.statusCode());
		return answer;
	}

	private static HttpResponse<String> api(String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.getBaseUrl() + "/website/yachts"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
