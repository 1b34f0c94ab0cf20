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

import java.util.Set;

import io.ankor.spring.boot.token.AnkorTokenObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link AnkorTokenRequestObservationConvention}: the name
 * {@value #NAME} and the low-cardinality keys {@code outcome} ({@code success} or
 * {@code failure}), {@code grant.type}, {@code error} (the OAuth error code, {@code none}
 * on success) and {@code attempts}. Both take values from a fixed set, whatever the token
 * endpoint answers, so that a misbehaving endpoint cannot grow the meter registry: an
 * error code other than {@link #ERROR_CODES} is {@code other}, and attempts are
 * {@code 0} (the request failed before it was sent), {@code 1}, {@code 2}, {@code 3},
 * {@code 4-9} or {@code 10+}.
 *
 * @author Ankor starter team
 */
public class DefaultAnkorTokenRequestObservationConvention implements AnkorTokenRequestObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "ankor.token.request";

	/**
	 * The values of the {@code error} key besides {@code other}: {@code none}, RFC 6749's
	 * error codes, and the starter's own.
	 */
	public static final Set<String> ERROR_CODES = Set.of("none", "invalid_request", "invalid_client",
			"invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "server_error",
			"temporarily_unavailable", "too_many_requests", "invalid_token_response", "token_endpoint_unreachable",
			"token_request_timeout", "no_token");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AnkorTokenRequestObservationContext context) {
		return "ankor token request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AnkorTokenRequestObservationContext context) {
		String error = context.getErrorCode();
		KeyValues keyValues = KeyValues.of(
				LowCardinalityKeyNames.OUTCOME.withValue(context.isSuccess() ? "success" : "failure"),
				LowCardinalityKeyNames.GRANT_TYPE.withValue(context.getGrantType().toPropertyValue()),
				LowCardinalityKeyNames.ERROR.withValue(ERROR_CODES.contains(error) ? error : "other"),
				LowCardinalityKeyNames.ATTEMPTS.withValue(attempts(context.getAttempts())));
		String account = context.getAccount();
		return (account != null) ? keyValues.and(LowCardinalityKeyNames.ACCOUNT.withValue(account)) : keyValues;
	}

	private static String attempts(int attempts) {
		if (attempts <= 3) {
			return Integer.toString(Math.max(attempts, 0));
		}
		return (attempts < 10) ? "4-9" : "10+";
	}

}
