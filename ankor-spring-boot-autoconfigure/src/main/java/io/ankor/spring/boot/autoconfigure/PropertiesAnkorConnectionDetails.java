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

/**
 * {@link AnkorConnectionDetails} from the {@code ankor.*} properties.
 *
 * @author Ankor starter team
 */
final class PropertiesAnkorConnectionDetails implements AnkorConnectionDetails {

	private final AnkorProperties properties;

	PropertiesAnkorConnectionDetails(AnkorProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getCompanyUri() {
		return this.properties.getCompanyUri();
	}

	@Override
	public String getKeyId() {
		return this.properties.getKeyId();
	}

	@Override
	public String getPrivateKey() {
		return this.properties.getPrivateKey();
	}

	@Override
	public @Nullable String getPublicKey() {
		return this.properties.getPublicKey();
	}

	@Override
	public String getApiUrl() {
		return this.properties.getApiUrl();
	}

	@Override
	public @Nullable String getTokenUri() {
		return this.properties.getTokenUri();
	}

	@Override
	public String toString() {
		return "PropertiesAnkorConnectionDetails[companyUri=" + getCompanyUri() + ", keyId=" + getKeyId() + "]";
	}

}
