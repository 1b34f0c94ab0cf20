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
package io.ankor.spring.boot.token;

import java.time.Duration;
import java.time.Instant;

import io.ankor.spring.boot.AnkorTokenException;
import org.jspecify.annotations.Nullable;

/**
 * The last failed token request, remembered so that Ankor is not asked again before the
 * next attempt is due: callers meanwhile get this failure at once. The pause is Ankor's
 * {@code Retry-After} when it gave one (at least {@link #FIRST_PAUSE}, at most
 * {@link #MAX_RETRY_AFTER}); otherwise it starts at {@link #FIRST_PAUSE} and doubles with
 * every failure in a row up to {@link #MAX_PAUSE}, for refusals and unreachable endpoints
 * alike.
 *
 * @param failure the failure handed to callers
 * @param errorCode its OAuth error code, or the simple name of its class
 * @param at when it failed
 * @param nextAttemptAt when Ankor may be asked again
 * @param inARow how many token requests in a row failed
 * @author Ankor starter team
 */
record RememberedFailure(Throwable failure, String errorCode, Instant at, Instant nextAttemptAt, int inARow) {

	/** The pause after a first failure. */
	static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	/** The longest pause without a {@code Retry-After}. */
	static final Duration MAX_PAUSE = Duration.ofMinutes(1);

	/** The longest {@code Retry-After} honoured across calls. */
	static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

	/**
	 * Remembers a failure.
	 * @param previous the failure before it, when the request before also failed
	 * @param failure the failure
	 * @param now now
	 * @return the remembered failure
	 */
	static RememberedFailure after(@Nullable RememberedFailure previous, Throwable failure, Instant now) {
		int inARow = (previous != null) ? Math.min(previous.inARow() + 1, 30) : 1;
		Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(inARow - 1, 6));
		pause = (pause.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE : pause;
		String errorCode = failure.getClass().getSimpleName();
		if (failure instanceof AnkorTokenException ex) {
			errorCode = ex.getErrorCode();
			Duration retryAfter = ex.getRetryAfter();
			if (retryAfter != null) {
				pause = (retryAfter.compareTo(FIRST_PAUSE) < 0) ? FIRST_PAUSE
						: (retryAfter.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : retryAfter;
			}
		}
		return new RememberedFailure(failure, errorCode, now, now.plus(pause), inARow);
	}

	/**
	 * Whether Ankor must not be asked yet.
	 * @param now now
	 * @return whether the pause is still on
	 */
	boolean holds(Instant now) {
		// a clock stepped back before the failure ends the pause rather than stretch it
		return !now.isBefore(this.at) && now.isBefore(this.nextAttemptAt);
	}

}
