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

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.accounts.AccountSettings;

/**
 * The default account's settings: {@code ankor.*} with the values of the
 * {@link AnkorConnectionDetails} in use, checked once at startup whatever beans the
 * application replaces.
 *
 * @param properties the properties the default account is made of
 * @param connectionFromProperties whether the connection comes from {@code ankor.*}
 * (and so may change with it), rather than from a bean such as a local simulator's
 * @author Ankor starter team
 */
record AnkorSettings(AnkorProperties properties, boolean connectionFromProperties) {

	/**
	 * The default account's settings.
	 * @return the settings
	 */
	AccountSettings account() {
		return this.properties.toSettings(AnkorAccounts.DEFAULT);
	}

	/**
	 * The settings of the default account, validated: every property at fault in one
	 * failure, before any key is read.
	 * @param bound the bound properties
	 * @param connectionDetails the connection details
	 * @return the settings
	 * @throws io.ankor.spring.boot.AnkorConfigurationException naming the properties at
	 * fault
	 */
	static AnkorSettings of(AnkorProperties bound, AnkorConnectionDetails connectionDetails) {
		boolean fromProperties = connectionDetails instanceof PropertiesAnkorConnectionDetails;
		AnkorProperties properties = bound;
		if (!fromProperties) {
			properties = bound.copy();
			properties.setCompanyUri(connectionDetails.getCompanyUri());
			properties.setKeyId(connectionDetails.getKeyId());
			properties.setPrivateKey(connectionDetails.getPrivateKey());
			properties.setPublicKey(connectionDetails.getPublicKey());
			properties.setApiUrl(connectionDetails.getApiUrl());
			properties.setTokenUri(connectionDetails.getTokenUri());
		}
		properties.validate();
		return new AnkorSettings(properties, fromProperties);
	}

}
