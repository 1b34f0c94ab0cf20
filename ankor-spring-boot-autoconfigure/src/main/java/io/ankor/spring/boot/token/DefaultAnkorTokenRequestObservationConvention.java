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

import io.ankor.spring.boot.token.AnkorTokenObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default {@link AnkorTokenRequestObservationConvention}: the name
 * {@value #NAME} and the low-cardinality keys {@code outcome} ({@code success} or
 * {@code failure}), {@code grant.type}, {@code error} (the OAuth error code, {@code none}
 * on success) and {@code attempts}.
 *
 * @author Ankor starter team
 */
public class DefaultAnkorTokenRequestObservationConvention implements AnkorTokenRequestObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "ankor.token.request";

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
		KeyValues keyValues = KeyValues.of(LowCardinalityKeyNames.OUTCOME.withValue(context.isSuccess() ? "success" : "failure"),
				LowCardinalityKeyNames.GRANT_TYPE.withValue(context.getGrantType().toPropertyValue()),
				LowCardinalityKeyNames.ERROR.withValue(error.matches("[a-z_]{1,40}") ? error : "other"),
				LowCardinalityKeyNames.ATTEMPTS.withValue(Integer.toString(context.getAttempts())));
		String account = context.getAccount();
		return (account != null) ? keyValues.and(LowCardinalityKeyNames.ACCOUNT.withValue(account)) : keyValues;
	}

}
