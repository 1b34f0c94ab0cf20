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

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.GrantType;
import org.jspecify.annotations.Nullable;

/**
 * How token requests are made.
 *
 * @param tokenUri the token endpoint
 * @param grantType how the assertion is presented
 * @param connectTimeout the connect timeout of one attempt
 * @param readTimeout the longest time one attempt waits for the whole answer, once
 * connected
 * @param initialBackoff the first delay before a failed attempt is retried
 * @param retryBudget the longest time one token request spends retrying
 * @param account the name of the account whose tokens are requested
 * @param tagged whether observations name the account: when the application has several
 * @param customizers the application's customizers of each token request, in order
 * @author Ankor starter team
 */
public record TokenRequestSettings(URI tokenUri, GrantType grantType, Duration connectTimeout, Duration readTimeout,
		Duration initialBackoff, Duration retryBudget, String account, boolean tagged,
		List<AnkorTokenRequestCustomizer> customizers) {

	/**
	 * The account's name as observations give it.
	 * @return the name, or {@code null} when the application has one account
	 */
	public @Nullable String observedAccount() {
		return this.tagged ? this.account : null;
	}

	/**
	 * The longest one token request can take: the retry budget, plus one attempt that
	 * starts just before the budget is spent, plus a second for the rest.
	 * @return the bound
	 */
	public Duration requestBound() {
		return this.retryBudget.plus(this.connectTimeout).plus(this.readTimeout).plusSeconds(1);
	}

}
