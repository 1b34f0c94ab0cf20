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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AnkorSimulator}'s token endpoint, {@code POST /iam/oauth/token}: checks the
 * form and the assertion ({@link AssertionVerifier}), issues a token or refuses with an
 * RFC 6749 error, and records every request; or answers with the next fault queued
 * ({@link FaultAnswers}).
 *
 * @author Ankor starter team
 */
final class SimulatedTokenEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "ankor-token-endpoint";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private final AssertionVerifier verifier;

	private final IssuedTokens tokens;

	private final Supplier<Instant> now;

	private final Supplier<CountDownLatch> heldAnswers;

	final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

	final Queue<TokenEndpointFault> faults = new ConcurrentLinkedQueue<>();

	volatile Duration tokenLifetime;

	volatile boolean sendExpiresIn = true;

	volatile Duration delay = Duration.ZERO;

	SimulatedTokenEndpoint(AssertionVerifier verifier, IssuedTokens tokens, Duration tokenLifetime,
			Supplier<Instant> now, Supplier<CountDownLatch> heldAnswers) {
		this.verifier = verifier;
		this.tokens = tokens;
		this.tokenLifetime = tokenLifetime;
		this.now = now;
		this.heldAnswers = heldAnswers;
	}

	/** Forgets requests, faults and delay; the answer settings are those of a fresh simulator. */
	void reset() {
		this.requests.clear();
		this.faults.clear();
		this.delay = Duration.ZERO;
		this.sendExpiresIn = true;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		CountDownLatch release = this.heldAnswers.get();
		Instant now = this.now.get();
		TokenEndpointFault fault = this.faults.poll();
		if (fault != null && !(fault instanceof TokenEndpointFault.Trickle)) {
			this.requests.add(new TokenRequest(now, null, Map.of(), Map.of(), FaultAnswers.status(fault),
					(fault instanceof TokenEndpointFault.OAuthError error) ? error.error() : "fault",
					FaultAnswers.describe(fault), null));
			return new FaultAnswers(this, now, release).answer(fault);
		}
		ResponseDefinition answer = answer(serveEvent.getRequest(), now);
		return (fault instanceof TokenEndpointFault.Trickle trickle) ? FaultAnswers.trickle(answer, trickle.perByte())
				: answer;
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
		Duration lifetime = this.tokenLifetime;
		IssuedToken token = this.tokens.issue(result.companyUri, result.scopes, now, lifetime,
				String.valueOf(result.header.get("kid")));
		this.requests.add(new TokenRequest(now, grantType, result.header, result.claims, 200, null, null,
				token.value()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		if (this.sendExpiresIn) {
			body.put("expires_in", lifetime.toSeconds());
		}
		body.put("scope", String.join(" ", result.scopes));
		return json(200, JSONObjectUtils.toJSONString(body), now).build();
	}

	private ResponseDefinition refuse(Instant now, @Nullable String grantType,
			AssertionVerifier.@Nullable Result result, int status, String error, String description) {
		this.requests.add(new TokenRequest(now, grantType, (result != null) ? result.header : Map.of(),
				(result != null) ? result.claims : Map.of(), status, error, description, null));
		return json(status, error(error, description), now).build();
	}

	static String error(String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return JSONObjectUtils.toJSONString(body);
	}

	/** A JSON answer, after the endpoint's delay. */
	ResponseDefinitionBuilder json(int status, String body, Instant now) {
		ResponseDefinitionBuilder response = WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", "application/json;charset=UTF-8")
			.withHeader("Cache-Control", "no-store")
			.withHeader("Date", httpDate(now));
		return response.withBody(body).withFixedDelay((int) this.delay.toMillis());
	}

	/** A token response with a random token the API does not take. */
	String fakeTokenResponse(@Nullable String padding) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", IssuedTokens.randomToken());
		body.put("token_type", "Bearer");
		body.put("expires_in", this.tokenLifetime.toSeconds());
		if (padding != null) {
			body.put("padding", padding);
		}
		return JSONObjectUtils.toJSONString(body);
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

	static String httpDate(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
