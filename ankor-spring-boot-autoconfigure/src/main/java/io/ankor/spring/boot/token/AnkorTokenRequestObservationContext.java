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

import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.GrantType;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AnkorTokenRequestObservationConvention} knows of one token request, its
 * retries included.
 *
 * @author Ankor starter team
 */
public class AnkorTokenRequestObservationContext extends Observation.Context {

	private final GrantType grantType;

	private final @Nullable String account;

	private int attempts;

	private boolean success;

	private @Nullable Throwable failure;

	/**
	 * Creates a context of an application with one account.
	 * @param grantType the grant type of the request
	 */
	public AnkorTokenRequestObservationContext(GrantType grantType) {
		this(grantType, null);
	}

	/**
	 * Creates a context.
	 * @param grantType the grant type of the request
	 * @param account the name of the account, when the application has several
	 */
	public AnkorTokenRequestObservationContext(GrantType grantType, @Nullable String account) {
		this.grantType = grantType;
		this.account = account;
	}

	/**
	 * The name of the account whose token is requested ({@code default} for the
	 * top-level {@code ankor.*} one), when the application has several accounts.
	 * @return the account, or {@code null} when the application has one
	 */
	public @Nullable String getAccount() {
		return this.account;
	}

	/**
	 * The grant type.
	 * @return the grant type
	 */
	public GrantType getGrantType() {
		return this.grantType;
	}

	/**
	 * How many HTTP attempts were made so far.
	 * @return the number of attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	void countAttempt() {
		this.attempts++;
	}

	/**
	 * Whether the request ended with a token.
	 * @return whether it succeeded
	 */
	public boolean isSuccess() {
		return this.success;
	}

	void succeeded() {
		this.success = true;
	}

	/**
	 * Why the request failed, if it did.
	 * @return the failure, or {@code null}
	 */
	public @Nullable Throwable getFailure() {
		return this.failure;
	}

	void failed(Throwable failure) {
		this.failure = failure;
		setError(failure);
	}

	/**
	 * The OAuth error code of the failure: Ankor's, or one of the starter's such as
	 * {@code token_endpoint_unreachable}.
	 * @return the error code, {@code none} on success, {@code other} for a failure without
	 * one
	 */
	public String getErrorCode() {
		if (this.failure == null) {
			return "none";
		}
		return (this.failure instanceof AnkorTokenException ex) ? ex.getErrorCode() : "other";
	}

}
