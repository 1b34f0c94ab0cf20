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

import org.springframework.util.Assert;

/**
 * A failure the {@link AnkorSimulator}'s token endpoint answers with instead of checking
 * the request, to test how an application copes with Ankor, or the network to it, being
 * unwell; only {@link #trickle(Duration)} answers the request as usual, slowly. Hand it
 * to {@link AnkorSimulator#failTokenEndpoint(int, TokenEndpointFault)}.
 * <p>
 * An answer that never ends ({@link #stallAfterHeaders()},
 * {@link #acceptAndNeverAnswer()}) holds its connection for ten minutes at most:
 * {@link AnkorSimulator#reset()} and {@link AnkorSimulator#close()} end it at once by
 * closing the connection.
 *
 * @author Ankor starter team
 */
public final class TokenEndpointFault {

	/** How long an answer that never ends holds its connection at most. */
	static final Duration STALL = Duration.ofMinutes(10);

	final Kind kind;

	final int status;

	final Duration retryAfter;

	final String error;

	final String description;

	final Duration pause;

	final String body;

	final int size;

	private TokenEndpointFault(Kind kind, int status, Duration retryAfter, String error, String description,
			Duration pause, String body, int size) {
		this.kind = kind;
		this.status = status;
		this.retryAfter = retryAfter;
		this.error = error;
		this.description = description;
		this.pause = pause;
		this.body = body;
		this.size = size;
	}

	private static TokenEndpointFault of(Kind kind, int status) {
		return new TokenEndpointFault(kind, status, null, null, null, null, null, 0);
	}

	/**
	 * An HTTP error status with a plain body, such as 503.
	 * @param status the status
	 * @return the fault
	 */
	public static TokenEndpointFault status(int status) {
		return of(Kind.STATUS, status);
	}

	/**
	 * An HTTP error status with a {@code Retry-After} header, such as 429 or 503.
	 * @param status the status
	 * @param retryAfter the delay the server asks for (whole seconds)
	 * @return the fault
	 */
	public static TokenEndpointFault status(int status, Duration retryAfter) {
		return new TokenEndpointFault(Kind.STATUS, status, retryAfter, null, null, null, null, 0);
	}

	/**
	 * An HTTP error status with a {@code Retry-After} header in its other form, an HTTP
	 * date (RFC 9110 section 10.2.3): the simulator's clock, {@link
	 * AnkorSimulator#setClockOffset(Duration) offset} included, plus {@code fromNow}, to
	 * the second. The {@code Date} header of the same answer shows the simulator's clock,
	 * so that a client can tell its own clock's difference.
	 * @param status the status, such as 429 or 503
	 * @param fromNow when the server asks to be tried again, from its own now; negative
	 * for a date in the past
	 * @return the fault
	 */
	public static TokenEndpointFault retryAfterDate(int status, Duration fromNow) {
		Assert.notNull(fromNow, "'fromNow' must not be null");
		return new TokenEndpointFault(Kind.RETRY_AFTER_DATE, status, fromNow, null, null, null, null, 0);
	}

	/**
	 * An OAuth 2.0 error response, such as 400 {@code invalid_grant}.
	 * @param status the status
	 * @param error the error code
	 * @param description the error description
	 * @return the fault
	 */
	public static TokenEndpointFault oauthError(int status, String error, String description) {
		return new TokenEndpointFault(Kind.OAUTH_ERROR, status, null, error, description, null, null, 0);
	}

	/**
	 * The connection is reset before any response.
	 * @return the fault
	 */
	public static TokenEndpointFault connectionReset() {
		return of(Kind.CONNECTION_RESET, 0);
	}

	/**
	 * The connection is accepted and the request read, but no byte of an answer comes:
	 * after ten minutes, or when the simulator is reset or closed, the connection is
	 * closed. Only the client's own timeout ends the wait sooner.
	 * @return the fault
	 */
	public static TokenEndpointFault acceptAndNeverAnswer() {
		return of(Kind.NEVER_ANSWER, 0);
	}

	/**
	 * Status {@code 200} and the headers of a token response ({@code Content-Type:
	 * application/json}) come at once, then the first half of a token response's body,
	 * then nothing: after ten minutes, or when the simulator is reset or closed, the
	 * connection is closed without the rest. Only a timeout that covers reading the body
	 * ends the wait sooner.
	 * @return the fault
	 */
	public static TokenEndpointFault stallAfterHeaders() {
		return of(Kind.STALL_AFTER_HEADERS, 200);
	}

	/**
	 * The answer the simulator would give anyway (a token for a valid assertion), sent one
	 * byte at a time with {@code perByte} before each byte, the first included: the
	 * status line and headers come after the first pause. Every read gets a byte within
	 * {@code perByte}, so a timeout per read longer than that never fires; only a bound
	 * on the whole answer ends the wait sooner than the body's length times
	 * {@code perByte}. Unlike the other faults, this one checks the request and records
	 * it as usual.
	 * @param perByte the pause before each byte, at least a millisecond
	 * @return the fault
	 */
	public static TokenEndpointFault trickle(Duration perByte) {
		Assert.notNull(perByte, "'perByte' must not be null");
		Assert.isTrue(perByte.toMillis() >= 1, "'perByte' must be at least a millisecond");
		return new TokenEndpointFault(Kind.TRICKLE, 0, null, null, null, perByte, null, 0);
	}

	/**
	 * Status {@code 200}, the headers of a token response ({@code Content-Type:
	 * application/json}) and the first half of a token response's body, then bytes that
	 * break the chunked transfer coding, and the connection is closed: the client fails
	 * to read the body.
	 * @return the fault
	 */
	public static TokenEndpointFault resetMidBody() {
		return of(Kind.RESET_MID_BODY, 200);
	}

	/**
	 * Status {@code 200} with a JSON body of {@code bytes} bytes (or the few more a token
	 * response needs): a token response whose field {@code padding} makes it that long.
	 * Its token is not one the simulator's API takes.
	 * @param bytes the least length of the body
	 * @return the fault
	 */
	public static TokenEndpointFault oversizedBody(int bytes) {
		Assert.isTrue(bytes > 0, "'bytes' must be positive");
		return new TokenEndpointFault(Kind.OVERSIZED_BODY, 200, null, null, null, null, null, bytes);
	}

	/**
	 * Status {@code 200} with the headers of a token response ({@code Content-Type:
	 * application/json}) and exactly {@code body} (UTF-8) as the body, such as
	 * <code>{"access_token":42}</code> or {@code not json}.
	 * @param body the body
	 * @return the fault
	 */
	public static TokenEndpointFault malformedBody(String body) {
		Assert.notNull(body, "'body' must not be null");
		return new TokenEndpointFault(Kind.MALFORMED_BODY, 200, null, null, null, null, body, 0);
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case STATUS, OAUTH_ERROR -> "HTTP " + this.status + ((this.error != null) ? " " + this.error : "")
					+ ((this.retryAfter != null) ? " Retry-After " + this.retryAfter.toSeconds() : "");
			case RETRY_AFTER_DATE -> "HTTP " + this.status + " Retry-After date " + this.retryAfter.toSeconds()
					+ " s from now";
			case CONNECTION_RESET -> "connection reset";
			case NEVER_ANSWER -> "accept and never answer";
			case STALL_AFTER_HEADERS -> "stall after headers";
			case TRICKLE -> "trickle, one byte every " + this.pause.toMillis() + " ms";
			case RESET_MID_BODY -> "reset mid body";
			case OVERSIZED_BODY -> "oversized body of " + this.size + " bytes";
			case MALFORMED_BODY -> "malformed body";
		};
	}

	/**
	 * The kinds of fault.
	 */
	enum Kind {

		STATUS, RETRY_AFTER_DATE, OAUTH_ERROR, CONNECTION_RESET, NEVER_ANSWER, STALL_AFTER_HEADERS, TRICKLE,
		RESET_MID_BODY, OVERSIZED_BODY, MALFORMED_BODY

	}

}
