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

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * How the {@link SimulatedTokenEndpoint} answers one request with a
 * {@link TokenEndpointFault}: statuses and bodies with WireMock's DSL, broken
 * connections with its faults, and answers that stop after their head with
 * {@link HeldBody}.
 *
 * @author Ankor starter team
 */
final class FaultAnswers {

	/** How long an answer that never ends holds its connection at most. */
	static final Duration STALL = Duration.ofMinutes(10);

	private final SimulatedTokenEndpoint endpoint;

	private final Instant now;

	/** Counted down when the simulator is reset or closed. */
	private final CountDownLatch release;

	FaultAnswers(SimulatedTokenEndpoint endpoint, Instant now, CountDownLatch release) {
		this.endpoint = endpoint;
		this.now = now;
		this.release = release;
	}

	/**
	 * The HTTP status a fault's answer starts with, as its request is recorded.
	 * @param fault the fault
	 * @return the status, or {@code 0} when no answer starts
	 */
	static int status(TokenEndpointFault fault) {
		if (fault instanceof TokenEndpointFault.Status status) {
			return status.status();
		}
		if (fault instanceof TokenEndpointFault.RetryAfterDate date) {
			return date.status();
		}
		if (fault instanceof TokenEndpointFault.OAuthError error) {
			return error.status();
		}
		if (fault instanceof TokenEndpointFault.ConnectionReset || fault instanceof TokenEndpointFault.NeverAnswer) {
			return 0;
		}
		if (fault instanceof TokenEndpointFault.StallAfterHeaders || fault instanceof TokenEndpointFault.Trickle
				|| fault instanceof TokenEndpointFault.ResetMidBody || fault instanceof TokenEndpointFault.OversizedBody
				|| fault instanceof TokenEndpointFault.MalformedBody) {
			return 200;
		}
		throw new IllegalStateException("Unknown fault " + fault.getClass().getName());
	}

	/**
	 * A fault as its request's error description records it.
	 * @param fault the fault
	 * @return the description
	 */
	static String describe(TokenEndpointFault fault) {
		if (fault instanceof TokenEndpointFault.Status status) {
			return "HTTP " + status.status()
					+ ((status.retryAfter() != null) ? " Retry-After " + status.retryAfter().toSeconds() : "");
		}
		if (fault instanceof TokenEndpointFault.RetryAfterDate date) {
			return "HTTP " + date.status() + " Retry-After date " + date.fromNow().toSeconds() + " s from now";
		}
		if (fault instanceof TokenEndpointFault.OAuthError error) {
			return "HTTP " + error.status() + " " + error.error();
		}
		if (fault instanceof TokenEndpointFault.Trickle trickle) {
			return "trickle, one byte every " + trickle.perByte().toMillis() + " ms";
		}
		if (fault instanceof TokenEndpointFault.OversizedBody oversized) {
			return "oversized body of " + oversized.bytes() + " bytes";
		}
		if (fault instanceof TokenEndpointFault.ConnectionReset) {
			return "connection reset";
		}
		if (fault instanceof TokenEndpointFault.NeverAnswer) {
			return "accept and never answer";
		}
		if (fault instanceof TokenEndpointFault.StallAfterHeaders) {
			return "stall after headers";
		}
		if (fault instanceof TokenEndpointFault.ResetMidBody) {
			return "reset mid body";
		}
		if (fault instanceof TokenEndpointFault.MalformedBody) {
			return "malformed body";
		}
		throw new IllegalStateException("Unknown fault " + fault.getClass().getName());
	}

	ResponseDefinition answer(TokenEndpointFault fault) {
		Duration delay = this.endpoint.delay;
		if (fault instanceof TokenEndpointFault.Status status) {
			return unavailable(status.status(),
					(status.retryAfter() != null) ? Long.toString(status.retryAfter().toSeconds()) : null, fault);
		}
		if (fault instanceof TokenEndpointFault.RetryAfterDate date) {
			return unavailable(date.status(), SimulatedTokenEndpoint.httpDate(this.now.plus(date.fromNow())), fault);
		}
		if (fault instanceof TokenEndpointFault.OAuthError error) {
			return this.endpoint
				.json(error.status(), SimulatedTokenEndpoint.error(error.error(), error.description()), this.now)
				.build();
		}
		if (fault instanceof TokenEndpointFault.ConnectionReset) {
			return broken(Fault.CONNECTION_RESET_BY_PEER, delay);
		}
		if (fault instanceof TokenEndpointFault.NeverAnswer) {
			hold(STALL);
			return broken(Fault.EMPTY_RESPONSE, Duration.ZERO);
		}
		if (fault instanceof TokenEndpointFault.OversizedBody oversized) {
			int unpadded = this.endpoint.fakeTokenResponse("").length();
			String padding = "x".repeat(Math.max(0, oversized.bytes() - unpadded));
			return this.endpoint.json(200, this.endpoint.fakeTokenResponse(padding), this.now).build();
		}
		if (fault instanceof TokenEndpointFault.MalformedBody malformed) {
			return this.endpoint.json(200, malformed.body(), this.now).build();
		}
		// stall after headers, reset mid body: the head of a long token response goes at once, the rest never
		hold(delay);
		String padding = "x".repeat(2 * HeldBody.HEAD_BYTES);
		return this.endpoint.json(200, this.endpoint.fakeTokenResponse(padding), this.now)
			.withFixedDelay(0)
			.withTransformers(HeldBody.NAME)
			.withTransformerParameter(HeldBody.NAME, (fault instanceof TokenEndpointFault.ResetMidBody) ? "reset"
					: "stall")
			.build();
	}

	private ResponseDefinition unavailable(int status, String retryAfter, TokenEndpointFault fault) {
		ResponseDefinitionBuilder response = WireMock.aResponse()
			.withFixedDelay((int) this.endpoint.delay.toMillis())
			.withStatus(status)
			.withHeader("Date", SimulatedTokenEndpoint.httpDate(this.now))
			.withHeader("Content-Type", "text/plain")
			.withBody("Ankor is unavailable (simulated " + describe(fault) + ")");
		if (retryAfter != null) {
			response.withHeader("Retry-After", retryAfter);
		}
		return response.build();
	}

	private static ResponseDefinition broken(Fault fault, Duration delay) {
		return WireMock.aResponse().withFixedDelay((int) delay.toMillis()).withFault(fault).build();
	}

	/**
	 * Sends the answer one byte at a time, with {@code perByte} before each.
	 */
	static ResponseDefinition trickle(ResponseDefinition answer, Duration perByte) {
		int bytes = answer.getByteBody().length;
		long total = (perByte.toMillis() > Integer.MAX_VALUE / bytes) ? Integer.MAX_VALUE
				: perByte.toMillis() * bytes;
		return ResponseDefinitionBuilder.like(answer).withChunkedDribbleDelay(bytes, (int) total).build();
	}

	/**
	 * Holds the current request's thread, and so its connection, until the duration has
	 * passed or the simulator is reset or closed.
	 */
	private void hold(Duration duration) {
		if (duration.isZero() || duration.isNegative()) {
			return;
		}
		try {
			this.release.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// Jetty stopping
			Thread.currentThread().interrupt();
		}
	}

}
