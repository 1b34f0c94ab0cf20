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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.accounts.AccountSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Every account's settings, resolved from the bound {@code ankor.*} properties and the
 * {@link AnkorConnectionDetails} in use, and validated; the properties are never written
 * to. The default account's are resolved once, and kept without the text of an inline
 * key; the further accounts' are resolved where they are needed at startup, so that no
 * bean keeps their keys.
 *
 * @param properties the properties the default account is made of: {@code ankor.*} with
 * the connection's values
 * @param connectionFromProperties whether the connection comes from {@code ankor.*}
 * (and so may change with it), rather than from a bean such as a local simulator's
 * @param account the default account's settings, without key text
 * @author Ankor starter team
 */
record AnkorSettings(AnkorProperties properties, boolean connectionFromProperties, AccountSettings account) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	/**
	 * Whether observations, meters and health name each account: whenever
	 * {@code ankor.accounts} is set.
	 * @return whether the application has further accounts
	 */
	boolean isTagged() {
		return !this.properties.getAccounts().isEmpty();
	}

	/**
	 * The default account's settings, every property at fault in one failure, before any
	 * key is read.
	 * @param bound the bound properties
	 * @param connectionDetails the connection details
	 * @return the settings
	 * @throws AnkorConfigurationException naming the default account's properties at fault
	 */
	static AnkorSettings of(AnkorProperties bound, AnkorConnectionDetails connectionDetails) {
		boolean fromProperties = connectionDetails instanceof PropertiesAnkorConnectionDetails;
		AnkorProperties properties = fromProperties ? bound : withConnection(bound, connectionDetails);
		properties.validate();
		return new AnkorSettings(properties, fromProperties,
				settings(properties, AnkorAccounts.DEFAULT).withoutKeyText());
	}

	/**
	 * The further accounts' settings, each validated: an account whose properties are at
	 * fault adds its problems and is left out.
	 * @param problems where the problems go
	 * @return the settings of each valid further account, in order
	 */
	List<AccountSettings> further(List<AnkorConfigurationException> problems) {
		List<AccountSettings> further = new ArrayList<>();
		accounts(this.properties, problems).forEach((name, account) -> {
			try {
				AnkorPropertiesValidator.validate(account, AccountSettings.prefix(name));
				further.add(settings(account, name));
			}
			catch (AnkorConfigurationException ex) {
				problems.add(ex);
			}
		});
		return further;
	}

	/** The settings of one account, made of its validated properties. */
	private static AccountSettings settings(AnkorProperties properties, String account) {
		AnkorHttpProperties http = properties.getHttp();
		return new AccountSettings(account, properties.getCompanyUri().strip(), properties.getKeyId(),
				properties.getPrivateKey(), properties.getPublicKey(), properties.getApiUrl().strip(),
				properties.determineTokenUri(), properties.getAudience().strip(), properties.getScopes(),
				properties.getGrantType(), properties.getAssertionLifetime(), properties.getRefreshMargin(),
				new AccountSettings.Http(http.getConnectTimeout(), http.getReadTimeout(), http.getInitialBackoff(),
						http.getRetryBudget(), http.getMaxWait()),
				properties.isVerifyOnStartup(), properties.isReloadOnUpdate(), properties.getHealth().isInitialFetch());
	}

	/** The properties with the values of connection details a bean gives. */
	private static AnkorProperties withConnection(AnkorProperties bound, AnkorConnectionDetails connectionDetails) {
		AnkorProperties properties = copy(bound);
		properties.setCompanyUri(connectionDetails.getCompanyUri());
		properties.setKeyId(connectionDetails.getKeyId());
		properties.setPrivateKey(connectionDetails.getPrivateKey());
		properties.setPublicKey(connectionDetails.getPublicKey());
		properties.setApiUrl(connectionDetails.getApiUrl());
		properties.setTokenUri(connectionDetails.getTokenUri());
		return properties;
	}

	/**
	 * The enabled further accounts' properties: each over the default account's (which
	 * has the connection's URLs and company), with its own key only.
	 */
	private static Map<String, AnkorProperties> accounts(AnkorProperties base,
			List<AnkorConfigurationException> problems) {
		Map<String, AnkorProperties> accounts = new LinkedHashMap<>();
		base.getAccounts().forEach((name, account) -> {
			if (!NAME.matcher(name).matches() || AnkorAccounts.DEFAULT.equals(name)) {
				problems.add(new AnkorConfigurationException("ankor.accounts." + name,
						AnkorAccounts.DEFAULT.equals(name) ? "uses the name of the top-level ankor.* account"
								: "is not a valid account name",
						"Name each account with lower-case letters, digits and '-', starting with a letter "
								+ "(such as 'ankor.accounts.acme'); the top-level 'ankor.*' account is '"
								+ AnkorAccounts.DEFAULT + "'."));
			}
			else if (account != null && account.isEnabled(base)) {
				accounts.put(name, account.over(base));
			}
		});
		return accounts;
	}

	/**
	 * Where a switch of credentials reads an account's settings again: {@code ankor.*} as
	 * the environment has it now (bound afresh), with the connection of a bean as at
	 * startup, and with the API URL, HTTP settings and refresh margin of the settings in
	 * use (they change only with a restart), validated.
	 * @param environment the environment
	 * @return the source
	 */
	Function<AccountSettings, @Nullable AccountSettings> source(Environment environment) {
		AnkorProperties startup = this.properties;
		boolean fromProperties = this.connectionFromProperties;
		return (current) -> {
			AnkorProperties now = Binder.get(environment).bind("ankor", AnkorProperties.class)
				.orElseGet(AnkorProperties::new);
			if (!fromProperties) {
				now.setCompanyUri(startup.getCompanyUri());
				now.setApiUrl(startup.getApiUrl());
				now.setTokenUri(startup.getTokenUri());
			}
			AnkorAccountProperties account = current.isDefault() ? null : now.getAccounts().get(current.name());
			if (!current.isDefault() && account == null) {
				return null;
			}
			AnkorProperties properties = (account != null) ? account.over(now) : now;
			properties.setApiUrl(current.apiUrl());
			properties.setRefreshMargin(current.refreshMargin());
			AccountSettings.Http http = current.http();
			properties.getHttp().setConnectTimeout(http.connectTimeout());
			properties.getHttp().setReadTimeout(http.readTimeout());
			properties.getHttp().setInitialBackoff(http.initialBackoff());
			properties.getHttp().setRetryBudget(http.retryBudget());
			properties.getHttp().setMaxWait(http.maxWait());
			AnkorPropertiesValidator.validate(properties, current.prefix());
			return settings(properties, current.name());
		};
	}

	/**
	 * A copy of properties, which one account's values then go over: the bound
	 * properties are never written to.
	 * @param source the properties to copy
	 * @return the copy
	 */
	static AnkorProperties copy(AnkorProperties source) {
		AnkorProperties copy = new AnkorProperties();
		copy.setEnabled(source.isEnabled());
		copy.setCompanyUri(source.getCompanyUri());
		copy.setKeyId(source.getKeyId());
		copy.setPrivateKey(source.getPrivateKey());
		copy.setPublicKey(source.getPublicKey());
		copy.setApiUrl(source.getApiUrl());
		copy.setTokenUri(source.getTokenUri());
		copy.setAudience(source.getAudience());
		copy.setScopes(new ArrayList<>(source.getScopes()));
		copy.setGrantType(source.getGrantType());
		copy.setAssertionLifetime(source.getAssertionLifetime());
		copy.setRefreshMargin(source.getRefreshMargin());
		copy.setVerifyOnStartup(source.isVerifyOnStartup());
		copy.setReloadOnUpdate(source.isReloadOnUpdate());
		copy.setAccounts(new LinkedHashMap<>(source.getAccounts()));
		copy.getHttp().setFrom(source.getHttp());
		copy.getHealth().setInitialFetch(source.getHealth().isInitialFetch());
		return copy;
	}

}
