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

import java.time.Instant;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Ankor's API as the {@link AnkorSimulator} guards it: every call but one to the token
 * endpoint needs a live token the simulator issued, else it gets 401 with a Bearer
 * challenge ({@code invalid_token} when a token was sent).
 *
 * @author Ankor starter team
 */
final class ApiGuard implements StubRequestFilterV2 {

	private final IssuedTokens tokens;

	private final Supplier<Instant> now;

	ApiGuard(IssuedTokens tokens, Supplier<Instant> now) {
		this.tokens = tokens;
		this.now = now;
	}

	@Override
	public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
		if (request.getUrl().startsWith(AnkorSimulator.TOKEN_PATH)) {
			return RequestFilterAction.continueWith(request);
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return RequestFilterAction.stopWith(unauthorized("Bearer realm=\"ankor\"", "no bearer token"));
		}
		String reason = this.tokens.rejection(authorization.substring(7).strip(), this.now.get());
		if (reason != null) {
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

	@Override
	public String getName() {
		return "ankor-api-guard";
	}

}
