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

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A strict local Ankor: a real HTTP server on localhost, built on WireMock.
 * <p>
 * Its token endpoint, {@code POST /iam/oauth/token}, checks every assertion as Ankor's
 * guide describes it: signature with the public key registered for its {@code kid},
 * {@code alg}, {@code typ}, exactly the claims {@code scopes} (an array), {@code iss} =
 * {@code sub} = the registered company URI, {@code aud} = the string {@code "ankor.io"},
 * {@code iat} not in the future, {@code exp - iat} at most an hour, not expired, and the
 * grant type. A bad request gets an RFC 6749 error whose description says exactly what
 * was wrong; a good one gets a random opaque token.
 * <p>
 * Everything else is Ankor's API: stub it with the ordinary WireMock DSL through
 * {@link #stubFor(MappingBuilder)}. The simulator answers 401 with a Bearer
 * {@code invalid_token} challenge to any API call that lacks a live token it issued.
 * <p>
 * To test error handling, {@link #failTokenEndpoint(int, TokenEndpointFault)} makes the
 * token endpoint fail the ways a real server or network can: error statuses, stalls,
 * trickles, resets, oversized or malformed bodies; {@link #setClockOffset(Duration)}
 * skews its clock either way.
 *
 * @author Ankor starter team
 */
public final class AnkorSimulator implements AutoCloseable {

	/** Path of the token endpoint. */
	public static final String TOKEN_PATH = "/iam/oauth/token";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final String TOKEN_TRANSFORMER = "ankor-token-endpoint";

	private static final SecureRandom random = new SecureRandom();

	private final AnkorTestCredentials credentials;

	private final Map<String, AssertionVerifier.RegisteredKey> keys = new ConcurrentHashMap<>();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	/** The Key ID whose assertion each token was issued for. */
	private final Map<String, String> tokenKeyIds = new ConcurrentHashMap<>();

	private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<TokenEndpointFault> faults = new ConcurrentLinkedQueue<>();

	private final Clock baseClock;

	private final AssertionVerifier verifier;

	private final WireMockServer server;

	private volatile Duration tokenLifetime;

	private volatile boolean sendExpiresIn = true;

	private volatile Duration clockOffset = Duration.ZERO;

	private volatile Duration tokenEndpointDelay = Duration.ZERO;

	/** Counted down to end the answers held now; replaced by a fresh one on reset. */
	private volatile CountDownLatch heldAnswers = new CountDownLatch(1);

	private AnkorSimulator(Builder builder) {
		this.credentials = builder.credentials;
		this.tokenLifetime = builder.tokenLifetime;
		this.baseClock = builder.clock;
		registerKey(this.credentials.getKeyId(), this.credentials.getKeyPair().getPublic(),
				this.credentials.getCompanyUri());
		this.verifier = new AssertionVerifier(this::registeredKey, "ankor.io", builder.leeway,
				Set.copyOf(builder.allowedScopes));
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.port(builder.port)
			.extensions(new TokenEndpoint(), new ApiGuard()));
	}

	/**
	 * Starts a simulator with freshly generated credentials on a free port.
	 * @return the running simulator
	 */
	public static AnkorSimulator start() {
		return builder().start();
	}

	/**
	 * A builder, to choose credentials, port, token lifetime or clock.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private AnkorSimulator startServer() {
		this.server.start();
		stubTokenEndpoint();
		return this;
	}

	private void stubTokenEndpoint() {
		this.server.stubFor(WireMock.any(WireMock.urlPathEqualTo(TOKEN_PATH))
			.atPriority(1)
			.willReturn(WireMock.aResponse().withTransformers(TOKEN_TRANSFORMER)));
	}

	/**
	 * The base URL, the value for {@code ankor.api-url}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String getBaseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * The token endpoint.
	 * @return the token endpoint URI
	 */
	public URI getTokenUri() {
		return URI.create(getBaseUrl() + TOKEN_PATH);
	}

	/**
	 * The port the simulator listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.server.port();
	}

	/**
	 * The credentials registered with the simulator.
	 * @return the credentials
	 */
	public AnkorTestCredentials getCredentials() {
		return this.credentials;
	}

	/**
	 * The {@code ankor.*} properties that point the starter at this simulator with its
	 * credentials.
	 * @return property names and values
	 */
	public Map<String, Object> getProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ankor.company-uri", this.credentials.getCompanyUri());
		properties.put("ankor.key-id", this.credentials.getKeyId());
		properties.put("ankor.private-key", this.credentials.getPrivateKeyPem());
		properties.put("ankor.public-key", this.credentials.getPublicKeyPem());
		properties.put("ankor.api-url", getBaseUrl());
		return properties;
	}

	/**
	 * Registers another key, as Ankor's key generation dialog would.
	 * @param keyId the key id
	 * @param publicKey the public key
	 * @param companyUri the company the key belongs to
	 */
	public void registerKey(String keyId, PublicKey publicKey, String companyUri) {
		this.keys.put(keyId, new AssertionVerifier.RegisteredKey(publicKey, companyUri));
	}

	/**
	 * Registers another key, given as Ankor's key generation shows it.
	 * @param keyId the key id
	 * @param publicKey the {@code -----BEGIN PUBLIC KEY-----} PEM block, or a
	 * {@code classpath:} or {@code file:} location of it
	 * @param companyUri the company the key belongs to
	 */
	public void registerKey(String keyId, String publicKey, String companyUri) {
		registerKey(keyId, PublicKeys.read(publicKey), companyUri);
	}

	/**
	 * Registers the key of further credentials: another company's, or a new key of a
	 * company already registered (as Ankor's Key generation, Generate, makes one).
	 * @param credentials the credentials whose public key, Key ID and company to register
	 */
	public void registerKey(AnkorTestCredentials credentials) {
		registerKey(credentials.getKeyId(), credentials.getKeyPair().getPublic(), credentials.getCompanyUri());
	}

	/**
	 * Retires a key, as deleting it in Ankor would: assertions signed with it are refused
	 * ({@code invalid_grant}), and the tokens issued for them are revoked (the API answers
	 * 401 to them).
	 * @param keyId the Key ID to retire
	 */
	public void retireKey(String keyId) {
		this.keys.remove(keyId);
		this.tokenKeyIds.forEach((token, tokenKeyId) -> {
			if (tokenKeyId.equals(keyId)) {
				revoke(token);
			}
		});
	}

	private AssertionVerifier.RegisteredKey registeredKey(String keyId) {
		return this.keys.get(keyId);
	}

	/**
	 * The {@code ankor.accounts.<name>.*} properties of a further account with other
	 * credentials, against this simulator; register their key first.
	 * @param account the account name
	 * @param credentials its credentials
	 * @return property names and values
	 * @see #registerKey(AnkorTestCredentials)
	 */
	public Map<String, Object> getAccountProperties(String account, AnkorTestCredentials credentials) {
		String prefix = "ankor.accounts." + account + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(prefix + "company-uri", credentials.getCompanyUri());
		properties.put(prefix + "key-id", credentials.getKeyId());
		properties.put(prefix + "private-key", credentials.getPrivateKeyPem());
		properties.put(prefix + "public-key", credentials.getPublicKeyPem());
		return properties;
	}

	/**
	 * Stubs an Ankor API response with the WireMock DSL. Calls still need a live token.
	 * @param mapping the stub
	 * @return the stub mapping
	 */
	public StubMapping stubFor(MappingBuilder mapping) {
		return this.server.stubFor(mapping);
	}

	/**
	 * The underlying WireMock server, for verification and anything else WireMock does.
	 * @return the server
	 */
	public WireMockServer getWireMock() {
		return this.server;
	}

	/**
	 * Every token request received since start or the last {@link #reset()}.
	 * @return the token requests, oldest first
	 */
	public List<TokenRequest> getTokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * The last token request received.
	 * @return the last token request, if any
	 */
	public Optional<TokenRequest> getLastTokenRequest() {
		List<TokenRequest> requests = getTokenRequests();
		return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
	}

	/**
	 * Every token issued since start or the last {@link #reset()}.
	 * @return the issued tokens, oldest first
	 */
	public List<IssuedToken> getIssuedTokens() {
		return this.tokens.values().stream().sorted(Comparator.comparing(IssuedToken::issuedAt)).toList();
	}

	/**
	 * Sets the lifetime ({@code expires_in}) of tokens issued from now on.
	 * @param lifetime the lifetime
	 */
	public void setTokenLifetime(Duration lifetime) {
		this.tokenLifetime = lifetime;
	}

	/**
	 * Whether token responses carry {@code expires_in} (default {@code true}).
	 * @param sendExpiresIn whether to send it
	 */
	public void setSendExpiresIn(boolean sendExpiresIn) {
		this.sendExpiresIn = sendExpiresIn;
	}

	/**
	 * Sets how far the simulator's clock is ahead of its base clock (the system clock,
	 * unless {@link Builder#clock(Clock)} set another), to test clock skew either way:
	 * positive runs it ahead, negative behind. It judges assertions by this clock (set
	 * behind, it sees the application's {@code iat} in the future; set ahead by more than
	 * an assertion lives, it sees the assertion expired), expires tokens by it, and dates
	 * its answers by it: the {@code Date} header and
	 * {@link TokenEndpointFault#retryAfterDate(int, Duration)} show it.
	 * @param offset the offset, negative for behind
	 */
	public void setClockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	/**
	 * Revokes every token issued so far: the API answers 401 {@code invalid_token} to
	 * them.
	 */
	public void revokeAll() {
		this.tokens.replaceAll((value, token) -> token.revoke());
	}

	/**
	 * Revokes one token.
	 * @param token the token value
	 */
	public void revoke(String token) {
		this.tokens.computeIfPresent(token, (value, issued) -> issued.revoke());
	}

	/**
	 * Delays every answer of the token endpoint.
	 * @param delay the delay, {@link Duration#ZERO} for none
	 */
	public void setTokenEndpointDelay(Duration delay) {
		this.tokenEndpointDelay = delay;
	}

	/**
	 * Makes the next token requests fail; later ones are served normally again. Faults
	 * queue up in the order given: {@code failTokenEndpoint(2, stallAfterHeaders())} then
	 * {@code failTokenEndpoint(1, status(503))} makes the next two requests stall and the
	 * third get 503. A failed request is recorded in {@link #getTokenRequests()} with the
	 * error {@code fault} (except for {@link TokenEndpointFault#trickle(Duration)}, which
	 * answers as usual, only slowly). Answers held open by a fault end when the simulator
	 * is {@link #reset()} or {@link #close() closed}.
	 * @param times how many requests fail
	 * @param fault how they fail
	 * @see TokenEndpointFault
	 */
	public void failTokenEndpoint(int times, TokenEndpointFault fault) {
		for (int i = 0; i < times; i++) {
			this.faults.add(fault);
		}
	}

	/**
	 * Forgets token requests, issued tokens, faults, delay, clock offset and API stubs,
	 * and ends the answers that faults hold open by closing their connections; keeps the
	 * registered keys and the token lifetime, and registers the simulator's own key again
	 * if a test retired it.
	 */
	public void reset() {
		releaseHeldAnswers();
		registerKey(this.credentials.getKeyId(), this.credentials.getKeyPair().getPublic(),
				this.credentials.getCompanyUri());
		this.server.resetAll();
		stubTokenEndpoint();
		this.tokenRequests.clear();
		this.tokens.clear();
		this.tokenKeyIds.clear();
		this.faults.clear();
		this.tokenEndpointDelay = Duration.ZERO;
		this.clockOffset = Duration.ZERO;
		this.sendExpiresIn = true;
	}

	/**
	 * Forgets the token requests received so far, and nothing else: issued tokens stay
	 * valid.
	 */
	public void clearTokenRequests() {
		this.tokenRequests.clear();
	}

	/**
	 * Stops the server, first ending the answers that faults hold open.
	 */
	@Override
	public void close() {
		releaseHeldAnswers();
		this.server.stop();
	}

	private void releaseHeldAnswers() {
		CountDownLatch held = this.heldAnswers;
		this.heldAnswers = new CountDownLatch(1);
		held.countDown();
	}

	Instant now() {
		return this.baseClock.instant().plus(this.clockOffset);
	}

	private ResponseDefinition answerTokenRequest(Request request) {
		CountDownLatch release = this.heldAnswers;
		Instant now = now();
		TokenEndpointFault fault = this.faults.poll();
		if (fault != null && fault.kind != TokenEndpointFault.Kind.TRICKLE) {
			this.tokenRequests.add(new TokenRequest(now, null, Map.of(), Map.of(), fault.status,
					(fault.error != null) ? fault.error : "fault", fault.toString(), null));
			return faultResponse(fault, now, release);
		}
		ResponseDefinition answer = answer(request, now);
		return (fault != null) ? trickle(answer, fault.pause) : answer;
	}

	private ResponseDefinition answer(Request request, Instant now) {
		Map<String, String> form = form(request);
		String grantType = form.get("grant_type");
		String contentType = request.getHeader("Content-Type");
		if (!"POST".equals(request.getMethod().getName())) {
			return refuse(now, grantType, null, 405, "invalid_request", "the token endpoint takes POST only");
		}
		if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
			return refuse(now, grantType, null, 400, "invalid_request",
					"Content-Type must be application/x-www-form-urlencoded");
		}
		String assertion;
		if (JWT_BEARER.equals(grantType)) {
			assertion = form.get("assertion");
			if (assertion == null) {
				return refuse(now, grantType, null, 400, "invalid_request", "parameter 'assertion' is missing");
			}
		}
		else if ("client_credentials".equals(grantType)) {
			if (!CLIENT_ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
				return refuse(now, grantType, null, 400, "invalid_request",
						"parameter 'client_assertion_type' must be " + CLIENT_ASSERTION_TYPE);
			}
			assertion = form.get("client_assertion");
			if (assertion == null) {
				return refuse(now, grantType, null, 400, "invalid_request",
						"parameter 'client_assertion' is missing");
			}
		}
		else if (grantType == null) {
			return refuse(now, null, null, 400, "invalid_request", "parameter 'grant_type' is missing");
		}
		else {
			return refuse(now, grantType, null, 400, "unsupported_grant_type",
					"grant_type must be " + JWT_BEARER + " or client_credentials");
		}
		AssertionVerifier.Result result = this.verifier.verify(assertion, now);
		if (!result.isValid()) {
			return refuse(now, grantType, result, 400, result.error, result.description);
		}
		return issue(now, grantType, result);
	}

	private ResponseDefinition issue(Instant now, String grantType, AssertionVerifier.Result result) {
		String value = randomToken();
		Duration lifetime = this.tokenLifetime;
		this.tokens.put(value,
				new IssuedToken(value, result.companyUri, result.scopes, now, now.plus(lifetime), false));
		this.tokenKeyIds.put(value, String.valueOf(result.header.get("kid")));
		this.tokenRequests
			.add(new TokenRequest(now, grantType, result.header, result.claims, 200, null, null, value));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", value);
		body.put("token_type", "Bearer");
		if (this.sendExpiresIn) {
			body.put("expires_in", lifetime.toSeconds());
		}
		body.put("scope", String.join(" ", result.scopes));
		return json(200, body, now).build();
	}

	private ResponseDefinition refuse(Instant now, String grantType, AssertionVerifier.Result result, int status,
			String error, String description) {
		this.tokenRequests.add(new TokenRequest(now, grantType, (result != null) ? result.header : Map.of(),
				(result != null) ? result.claims : Map.of(), status, error, description, null));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return json(status, body, now).build();
	}

	private ResponseDefinitionBuilder json(int status, Map<String, Object> body, Instant now) {
		return json(status, JSONObjectUtils.toJSONString(body), now);
	}

	private ResponseDefinitionBuilder json(int status, String body, Instant now) {
		ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(status);
		jsonHeaders(now).forEach(response::withHeader);
		return response.withBody(body).withFixedDelay((int) this.tokenEndpointDelay.toMillis());
	}

	private static Map<String, String> jsonHeaders(Instant now) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json;charset=UTF-8");
		headers.put("Cache-Control", "no-store");
		headers.put("Date", httpDate(now));
		return headers;
	}

	private ResponseDefinition faultResponse(TokenEndpointFault fault, Instant now, CountDownLatch release) {
		return switch (fault.kind) {
			case STATUS, RETRY_AFTER_DATE -> unavailable(fault, now);
			case OAUTH_ERROR -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("error", fault.error);
				body.put("error_description", fault.description);
				yield json(fault.status, body, now).build();
			}
			case CONNECTION_RESET -> broken(Fault.CONNECTION_RESET_BY_PEER, this.tokenEndpointDelay);
			case NEVER_ANSWER -> {
				hold(release, TokenEndpointFault.STALL);
				yield broken(Fault.EMPTY_RESPONSE, Duration.ZERO);
			}
			case STALL_AFTER_HEADERS -> {
				hold(release, this.tokenEndpointDelay);
				if (AnswerHead.send(200, jsonHeaders(now), firstHalf(fakeTokenResponse(null)))) {
					hold(release, TokenEndpointFault.STALL);
				}
				yield broken(Fault.EMPTY_RESPONSE, Duration.ZERO);
			}
			case RESET_MID_BODY -> {
				hold(release, this.tokenEndpointDelay);
				AnswerHead.send(200, jsonHeaders(now), firstHalf(fakeTokenResponse(null)));
				// garbage where the next chunk's size belongs, then the connection closes
				yield broken(Fault.MALFORMED_RESPONSE_CHUNK, Duration.ZERO);
			}
			case OVERSIZED_BODY -> {
				int unpadded = fakeTokenResponse("").length();
				String padding = "x".repeat(Math.max(0, fault.size - unpadded));
				yield json(200, fakeTokenResponse(padding), now).build();
			}
			case MALFORMED_BODY -> json(200, fault.body, now).build();
			case TRICKLE -> throw new IllegalStateException("A trickle answers as usual");
		};
	}

	private ResponseDefinition unavailable(TokenEndpointFault fault, Instant now) {
		ResponseDefinitionBuilder response = WireMock.aResponse()
			.withFixedDelay((int) this.tokenEndpointDelay.toMillis())
			.withStatus(fault.status)
			.withHeader("Date", httpDate(now))
			.withHeader("Content-Type", "text/plain")
			.withBody("Ankor is unavailable (simulated " + fault + ")");
		if (fault.retryAfter != null) {
			response.withHeader("Retry-After",
					(fault.kind == TokenEndpointFault.Kind.RETRY_AFTER_DATE) ? httpDate(now.plus(fault.retryAfter))
							: Long.toString(fault.retryAfter.toSeconds()));
		}
		return response.build();
	}

	private static ResponseDefinition broken(Fault fault, Duration delay) {
		return WireMock.aResponse().withFixedDelay((int) delay.toMillis()).withFault(fault).build();
	}

	/**
	 * Sends the answer one byte at a time, with {@code perByte} before each.
	 */
	private static ResponseDefinition trickle(ResponseDefinition answer, Duration perByte) {
		int bytes = answer.getByteBody().length;
		long total = (perByte.toMillis() > Integer.MAX_VALUE / bytes) ? Integer.MAX_VALUE
				: perByte.toMillis() * bytes;
		return ResponseDefinitionBuilder.like(answer).withChunkedDribbleDelay(bytes, (int) total).build();
	}

	/**
	 * Holds the current request's thread, and so its connection, until the duration has
	 * passed or the simulator is reset or closed.
	 * @return whether the whole duration passed
	 */
	private static boolean hold(CountDownLatch release, Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return release.getCount() > 0;
		}
		try {
			return !release.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// Jetty stopping
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * A token response with a random token the API does not take.
	 */
	private String fakeTokenResponse(String padding) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", randomToken());
		body.put("token_type", "Bearer");
		body.put("expires_in", this.tokenLifetime.toSeconds());
		if (padding != null) {
			body.put("padding", padding);
		}
		return JSONObjectUtils.toJSONString(body);
	}

	private static byte[] firstHalf(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return Arrays.copyOf(bytes, bytes.length / 2);
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private RequestFilterAction guardApi(Request request) {
		if (request.getUrl().startsWith(TOKEN_PATH)) {
			return RequestFilterAction.continueWith(request);
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return RequestFilterAction.stopWith(unauthorized("Bearer realm=\"ankor\"", "no bearer token"));
		}
		IssuedToken token = this.tokens.get(authorization.substring(7).strip());
		if (token == null || !token.isLiveAt(now())) {
			String reason = (token == null) ? "unknown token" : token.revoked() ? "token revoked" : "token expired";
			return RequestFilterAction.stopWith(unauthorized(
					"Bearer realm=\"ankor\", error=\"invalid_token\", error_description=\"" + reason + "\"", reason));
		}
		return RequestFilterAction.continueWith(request);
	}

	private static ResponseDefinition unauthorized(String challenge, String reason) {
		return WireMock.aResponse()
			.withStatus(401)
			.withHeader("WWW-Authenticate", challenge)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_token\",\"error_description\":\"" + reason + "\"}")
			.build();
	}

	private static Map<String, String> form(Request request) {
		Map<String, String> form = new LinkedHashMap<>();
		String body = request.getBodyAsString();
		if (body == null || body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return form;
	}

	private static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

	@Override
	public String toString() {
		return "AnkorSimulator[" + getBaseUrl() + ", " + this.credentials + "]";
	}

	private final class TokenEndpoint implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			return answerTokenRequest(serveEvent.getRequest());
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return TOKEN_TRANSFORMER;
		}

	}

	private final class ApiGuard implements StubRequestFilterV2 {

		@Override
		public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
			return guardApi(request);
		}

		@Override
		public String getName() {
			return "ankor-api-guard";
		}

	}

	/**
	 * Builds and starts an {@link AnkorSimulator}.
	 */
	public static final class Builder {

		private AnkorTestCredentials credentials;

		private int port;

		private Duration tokenLifetime = Duration.ofHours(1);

		private Duration leeway = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private final Set<String> allowedScopes = new LinkedHashSet<>();

		private Builder() {
		}

		/**
		 * The credentials to register; generated (EC P-256) when not given.
		 * @param credentials the credentials
		 * @return this builder
		 */
		public Builder credentials(AnkorTestCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * The port; a free one when 0 (the default).
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Lifetime ({@code expires_in}) of issued tokens; one hour by default.
		 * @param tokenLifetime the lifetime
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * How far in the future {@code iat} may be, and how long after {@code exp} an
		 * assertion is still taken; 5 seconds by default.
		 * @param leeway the leeway
		 * @return this builder
		 */
		public Builder leeway(Duration leeway) {
			this.leeway = leeway;
			return this;
		}

		/**
		 * The simulator's clock (by default the system clock).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Restricts the scopes the company may ask for; any scope when none are given.
		 * @param scopes the allowed scopes
		 * @return this builder
		 */
		public Builder allowedScopes(String... scopes) {
			this.allowedScopes.addAll(List.of(scopes));
			return this;
		}

		/**
		 * Starts the simulator.
		 * @return the running simulator
		 */
		public AnkorSimulator start() {
			if (this.credentials == null) {
				this.credentials = AnkorTestCredentials.generate();
			}
			return new AnkorSimulator(this).startServer();
		}

	}

}
