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

import java.time.Duration;

/**
 * HTTP settings of token requests: {@code ankor.http.*}.
 *
 * @author Ankor starter team
 */
public class AnkorHttpProperties {

	/**
	 * Connect timeout of token requests.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout of token requests.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * First delay before a failed token request is tried again; later delays double,
	 * with jitter, up to 10s. A 'Retry-After' from Ankor takes precedence.
	 */
	private Duration initialBackoff = Duration.ofMillis(200);

	/**
	 * Longest time one token request may spend on retries before its failure reaches
	 * callers.
	 */
	private Duration retryBudget = Duration.ofSeconds(30);

	/**
	 * Longest time a caller waits for a token request. The request itself may go on
	 * within the retry budget; callers after it get its outcome, or its failure at once
	 * until the next attempt is due.
	 */
	private Duration maxWait = Duration.ofSeconds(10);

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getRetryBudget() {
		return this.retryBudget;
	}

	public void setRetryBudget(Duration retryBudget) {
		this.retryBudget = retryBudget;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	/**
	 * Takes every setting of other HTTP properties.
	 * @param other the properties to copy
	 */
	void setFrom(AnkorHttpProperties other) {
		this.connectTimeout = other.connectTimeout;
		this.readTimeout = other.readTimeout;
		this.initialBackoff = other.initialBackoff;
		this.retryBudget = other.retryBudget;
		this.maxWait = other.maxWait;
	}

}
