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
package io.ankor.spring.boot.actuate;

import io.ankor.spring.boot.AnkorTokenStatus;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of Ankor access: the gauge {@value #EXPIRY} (seconds until the current token
 * expires, 0 without one) and the counter {@value #UNAUTHORIZED_RENEWALS} (tokens dropped
 * because Ankor's API answered 401).
 *
 * @author Ankor starter team
 */
public final class AnkorTokenMetrics implements MeterBinder {

	/** Name of the expiry gauge. */
	public static final String EXPIRY = "ankor.token.expiry";

	/** Name of the counter of tokens renewed after a 401. */
	public static final String UNAUTHORIZED_RENEWALS = "ankor.token.unauthorized.renewals";

	private final AnkorTokenStatusSource status;

	/**
	 * Creates the meters.
	 * @param status the provider's status
	 */
	public AnkorTokenMetrics(AnkorTokenStatusSource status) {
		this.status = status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(EXPIRY, this.status, AnkorTokenMetrics::secondsUntilExpiry)
			.description("Seconds until the current Ankor access token expires")
			.baseUnit("seconds")
			.register(registry);
		FunctionCounter
			.builder(UNAUTHORIZED_RENEWALS, this.status, (source) -> source.tokenStatus().unauthorizedRenewals())
			.description("Ankor access tokens renewed because Ankor's API answered 401")
			.register(registry);
	}

	private static double secondsUntilExpiry(AnkorTokenStatusSource source) {
		AnkorTokenStatus status = source.tokenStatus();
		return (status.remaining() != null) ? status.remaining().toMillis() / 1000.0 : 0;
	}

}
