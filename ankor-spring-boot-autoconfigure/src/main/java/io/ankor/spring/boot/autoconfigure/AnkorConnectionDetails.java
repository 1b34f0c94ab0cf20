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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom the starter connects to Ankor: the default account's Company URL,
 * Key ID, key, and Ankor's API and token URLs. Read from the {@code ankor.*} properties
 * unless the application has a bean of this type, as a test or a local run does to
 * point the starter at a local Ankor simulator (the test module's
 * {@code AnkorSimulatorConfiguration} and {@code @AutoConfigureAnkorSimulator}).
 * Every other setting still comes from {@code ankor.*}.
 *
 * @author Ankor starter team
 */
public interface AnkorConnectionDetails extends ConnectionDetails {

	/**
	 * The Company URL: {@code iss} and {@code sub} of every assertion.
	 * @return the company URI
	 */
	String getCompanyUri();

	/**
	 * The Key ID, or a {@code classpath:} or {@code file:} location of a file holding it.
	 * @return the key id
	 */
	String getKeyId();

	/**
	 * The private key: PEM text, or a {@code classpath:} or {@code file:} location of it.
	 * @return the private key
	 */
	String getPrivateKey();

	/**
	 * The matching public key (PEM text or location), checked against the private key at
	 * startup when given.
	 * @return the public key, or {@code null}
	 */
	default @Nullable String getPublicKey() {
		return null;
	}

	/**
	 * The base URL of Ankor's API.
	 * @return the API URL
	 */
	String getApiUrl();

	/**
	 * The token endpoint.
	 * @return the token URI, or {@code null} for {@code {api-url}/iam/oauth/token}
	 */
	default @Nullable String getTokenUri() {
		return null;
	}

}
