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

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A failure the {@link AnkorSimulator}'s token endpoint answers with instead of checking
 * the request, to test how an application copes with Ankor, or the network to it, being
 * unwell; only {@link #trickle(Duration)} answers the request as usual, slowly. Hand it
 * to {@link AnkorSimulator#failTokenEndpoint(int, TokenEndpointFault)}: made by the
 * static methods here, each one of the records below.
 * <p>
 * An answer that never ends ({@link #stallAfterHeaders()},
 * {@link #acceptAndNeverAnswer()}) holds its connection for ten minutes at most:
 * {@link AnkorSimulator#reset()} and {@link AnkorSimulator#close()} end it at once by
 * closing the connection.
 *
 * @author Ankor starter team
 */
public sealed interface TokenEndpointFault {

	/**
	 * An HTTP error status with a plain body, such as 503.
	 * @param status the status
	 * @return the fault
	 */
	static TokenEndpointFault status(int status) {
		return new Status(status, null);
	}

	/**
	 * An HTTP error status with a {@code Retry-After} header, such as 429 or 503.
	 * @param status the status
	 * @param retryAfter the delay the server asks for (whole seconds)
	 * @return the fault
	 */
	static TokenEndpointFault status(int status, Duration retryAfter) {
		Assert.notNull(retryAfter, "'retryAfter' must not be null");
		return new Status(status, retryAfter);
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
	static TokenEndpointFault retryAfterDate(int status, Duration fromNow) {
		Assert.notNull(fromNow, "'fromNow' must not be null");
		return new RetryAfterDate(status, fromNow);
	}

	/**
	 * An OAuth 2.0 error response, such as 400 {@code invalid_grant}.
	 * @param status the status
	 * @param error the error code
	 * @param description the error description
	 * @return the fault
	 */
	static TokenEndpointFault oauthError(int status, String error, String description) {
		return new OAuthError(status, error, description);
	}

	/**
	 * The connection is reset before any response.
	 * @return the fault
	 */
	static TokenEndpointFault connectionReset() {
		return new ConnectionReset();
	}

	/**
	 * The connection is accepted and the request read, but no byte of an answer comes:
	 * after ten minutes, or when the simulator is reset or closed, the connection is
	 * closed. Only the client's own timeout ends the wait sooner.
	 * @return the fault
	 */
	static TokenEndpointFault acceptAndNeverAnswer() {
		return new NeverAnswer();
	}

	/**
	 * Status {@code 200} and the headers of a token response ({@code Content-Type:
	 * application/json}) come at once, then the first 40 KiB of a longer token response's
	 * body, then nothing: after ten minutes, or when the simulator is reset or closed, the
	 * connection is closed without the rest. Only a timeout that covers reading the body
	 * ends the wait sooner.
	 * @return the fault
	 */
	static TokenEndpointFault stallAfterHeaders() {
		return new StallAfterHeaders();
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
	static TokenEndpointFault trickle(Duration perByte) {
		Assert.notNull(perByte, "'perByte' must not be null");
		Assert.isTrue(perByte.toMillis() >= 1, "'perByte' must be at least a millisecond");
		return new Trickle(perByte);
	}

	/**
	 * Status {@code 200}, the headers of a token response ({@code Content-Type:
	 * application/json}) and the first 40 KiB of a longer token response's body, then the
	 * connection is closed short of the {@code Content-Length} announced: the client fails
	 * to read the body.
	 * @return the fault
	 */
	static TokenEndpointFault resetMidBody() {
		return new ResetMidBody();
	}

	/**
	 * Status {@code 200} with a JSON body of {@code bytes} bytes (or the few more a token
	 * response needs): a token response whose field {@code padding} makes it that long.
	 * Its token is not one the simulator's API takes.
	 * @param bytes the least length of the body
	 * @return the fault
	 */
	static TokenEndpointFault oversizedBody(int bytes) {
		Assert.isTrue(bytes > 0, "'bytes' must be positive");
		return new OversizedBody(bytes);
	}

	/**
	 * Status {@code 200} with the headers of a token response ({@code Content-Type:
	 * application/json}) and exactly {@code body} (UTF-8) as the body, such as
	 * <code>{"access_token":42}</code> or {@code not json}.
	 * @param body the body
	 * @return the fault
	 */
	static TokenEndpointFault malformedBody(String body) {
		Assert.notNull(body, "'body' must not be null");
		return new MalformedBody(body);
	}

	/**
	 * An error status, with a {@code Retry-After} header in seconds when one is given.
	 *
	 * @param status the status
	 * @param retryAfter the delay asked for, or {@code null}
	 */
	record Status(int status, @Nullable Duration retryAfter) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/**
	 * An error status with a {@code Retry-After} date.
	 *
	 * @param status the status
	 * @param fromNow the date, from the simulator's now
	 */
	record RetryAfterDate(int status, Duration fromNow) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/**
	 * An OAuth 2.0 error response.
	 *
	 * @param status the status
	 * @param error the error code
	 * @param description the error description
	 */
	record OAuthError(int status, String error, String description) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/** The connection is reset before any response. */
	record ConnectionReset() implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/** No byte of an answer comes. */
	record NeverAnswer() implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/** Headers and the start of a body, then nothing. */
	record StallAfterHeaders() implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/**
	 * The usual answer, a byte at a time.
	 *
	 * @param perByte the pause before each byte
	 */
	record Trickle(Duration perByte) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/** Headers and the start of a body, then the connection closes. */
	record ResetMidBody() implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/**
	 * A token response padded to a length.
	 *
	 * @param bytes the least length of the body
	 */
	record OversizedBody(int bytes) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

	/**
	 * A body given as is.
	 *
	 * @param body the body
	 */
	record MalformedBody(String body) implements TokenEndpointFault {

		@Override
		public String toString() {
			return FaultAnswers.describe(this);
		}

	}

}
