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
package io.ankor.spring.boot.test;

import io.ankor.spring.boot.autoconfigure.AnkorConnectionDetails;

/**
 * {@link AnkorConnectionDetails} of a running {@link AnkorSimulator}: its company, Key ID
 * and throwaway key, and its URLs.
 *
 * @author Ankor starter team
 */
final class AnkorSimulatorConnectionDetails implements AnkorConnectionDetails {

	private final AnkorSimulator simulator;

	AnkorSimulatorConnectionDetails(AnkorSimulator simulator) {
		this.simulator = simulator;
	}

	@Override
	public String getCompanyUri() {
		return this.simulator.getCredentials().getCompanyUri();
	}

	@Override
	public String getKeyId() {
		return this.simulator.getCredentials().getKeyId();
	}

	@Override
	public String getPrivateKey() {
		return this.simulator.getCredentials().getPrivateKeyPem();
	}

	@Override
	public String getPublicKey() {
		return this.simulator.getCredentials().getPublicKeyPem();
	}

	@Override
	public String getApiUrl() {
		return this.simulator.getBaseUrl();
	}

	@Override
	public String getTokenUri() {
		return this.simulator.getTokenUri().toString();
	}

	@Override
	public String toString() {
		return "AnkorSimulatorConnectionDetails[" + this.simulator.getBaseUrl() + "]";
	}

}
