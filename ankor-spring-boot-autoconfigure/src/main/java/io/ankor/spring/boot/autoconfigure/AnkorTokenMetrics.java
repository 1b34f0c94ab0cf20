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
package io.ankor.spring.boot.autoconfigure;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the token provider: {@value #EXPIRY}, the seconds until the current token
 * expires (0 when there is none), and {@value #UNAUTHORIZED_RENEWALS}, how often Ankor's
 * API rejected a token with 401 and a new one was fetched. Token requests themselves are
 * timed through the {@code ankor.token.request} observation.
 *
 * @author Ankor starter team
 */
final class AnkorTokenMetrics implements MeterBinder {

	static final String EXPIRY = "ankor.token.expiry";

	static final String UNAUTHORIZED_RENEWALS = "ankor.token.unauthorized.renewals";

	private final DefaultAnkorAccessTokenProvider tokens;

	AnkorTokenMetrics(DefaultAnkorAccessTokenProvider tokens) {
		this.tokens = tokens;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(EXPIRY, this.tokens, AnkorTokenMetrics::secondsUntilExpiry)
			.description("Seconds until the current Ankor access token expires")
			.baseUnit("seconds")
			.register(registry);
		FunctionCounter.builder(UNAUTHORIZED_RENEWALS, this.tokens, DefaultAnkorAccessTokenProvider::getUnauthorizedRenewals)
			.description("Ankor access tokens renewed because Ankor's API answered 401")
			.register(registry);
	}

	private static double secondsUntilExpiry(DefaultAnkorAccessTokenProvider tokens) {
		DefaultAnkorAccessTokenProvider.Status status = tokens.status();
		return status.hasToken() ? status.remaining().toMillis() / 1000.0 : 0;
	}

}
