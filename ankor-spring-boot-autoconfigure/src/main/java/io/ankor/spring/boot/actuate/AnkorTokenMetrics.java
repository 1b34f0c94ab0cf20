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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ankor.spring.boot.AnkorTokenStatus;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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

	/** Name of the tag that names the account, when there are several. */
	public static final String ACCOUNT_TAG = "account";

	private final Map<String, AnkorTokenStatusSource> accounts;

	private final boolean tagged;

	/**
	 * Creates the meters of an application's only account, without an account tag.
	 * @param status the provider's status
	 */
	public AnkorTokenMetrics(AnkorTokenStatusSource status) {
		this.accounts = Map.of("default", status);
		this.tagged = false;
	}

	/**
	 * Creates the meters of several accounts, each tagged {@value #ACCOUNT_TAG} with its
	 * name.
	 * @param accounts each account's provider status, by account name
	 */
	public AnkorTokenMetrics(Map<String, AnkorTokenStatusSource> accounts) {
		this.accounts = Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
		this.tagged = true;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.accounts.forEach((account, status) -> {
			Tags tags = this.tagged ? Tags.of(ACCOUNT_TAG, account) : Tags.empty();
			Gauge.builder(EXPIRY, status, AnkorTokenMetrics::secondsUntilExpiry)
				.description("Seconds until the current Ankor access token expires")
				.baseUnit("seconds")
				.tags(tags)
				.register(registry);
			FunctionCounter
				.builder(UNAUTHORIZED_RENEWALS, status, (source) -> source.tokenStatus().unauthorizedRenewals())
				.description("Ankor access tokens renewed because Ankor's API answered 401")
				.tags(tags)
				.register(registry);
		});
	}

	private static double secondsUntilExpiry(AnkorTokenStatusSource source) {
		AnkorTokenStatus status = source.tokenStatus();
		return (status.remaining() != null) ? status.remaining().toMillis() / 1000.0 : 0;
	}

}
