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
import java.util.Objects;
import java.util.regex.Pattern;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.accounts.AccountSettings;
import io.ankor.spring.boot.accounts.AccountSettingsSource;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import static io.ankor.spring.boot.AnkorAccounts.DEFAULT;

/**
 * Binds the properties of the accounts from the environment, at startup and when it
 * changes: {@code ankor.accounts.<name>} over what the default account has, never an
 * inherited key.
 *
 * @author Ankor starter team
 */
final class AnkorAccountProperties {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

	private AnkorAccountProperties() {
	}

	/**
	 * The accounts under {@code ankor.accounts}, each with the default account's settings
	 * it does not override, and never an inherited key.
	 * @param binder binds the environment
	 * @param base the default account's settings
	 * @param problems where invalid account names go
	 * @return the accounts by name, in order
	 */
	static Map<String, AnkorProperties> bindAccounts(Binder binder, AnkorProperties base,
			List<AnkorConfigurationException> problems) {
		Map<String, AnkorProperties> own = binder.bind("ankor.accounts", Bindable.mapOf(String.class,
				AnkorProperties.class)).orElse(Map.of());
		Map<String, AnkorProperties> accounts = new LinkedHashMap<>();
		for (String name : own.keySet()) {
			if (!NAME.matcher(name).matches() || DEFAULT.equals(name)) {
				problems.add(new AnkorConfigurationException("ankor.accounts." + name,
						DEFAULT.equals(name) ? "uses the name of the top-level ankor.* account"
								: "is not a valid account name",
						"Name each account with lower-case letters, digits and '-', starting with a letter "
								+ "(such as 'ankor.accounts.acme'); the top-level 'ankor.*' account is '" + DEFAULT
								+ "'."));
				continue;
			}
			AnkorProperties properties = bindAccount(binder, name, base);
			if (properties != null && properties.isEnabled()) {
				accounts.put(name, properties);
			}
		}
		return accounts;
	}

	/**
	 * One account's properties: its own over the default account's, with its own key only.
	 * @param binder binds the environment
	 * @param name the account
	 * @param base the default account's settings
	 * @return the properties, or {@code null} when the environment has none for it
	 */
	static @Nullable AnkorProperties bindAccount(Binder binder, String name, AnkorProperties base) {
		String prefix = AccountSettings.prefix(name);
		AnkorProperties own = binder.bind(prefix, AnkorProperties.class).orElse(null);
		if (own == null) {
			return null;
		}
		AnkorProperties merged = base.copy();
		binder.bind(prefix, Bindable.ofInstance(merged));
		// a key is never inherited: an account without one is refused
		merged.setKeyId(own.getKeyId());
		merged.setPrivateKey(own.getPrivateKey());
		merged.setPublicKey(own.getPublicKey());
		merged.setAccounts(new LinkedHashMap<>());
		return merged;
	}

	/**
	 * The top-level {@code ankor.*} properties as the environment has them now.
	 * @param binder binds the environment
	 * @return the properties
	 */
	static AnkorProperties bindDefault(Binder binder) {
		AnkorProperties properties = new AnkorProperties();
		binder.bind("ankor", Bindable.ofInstance(properties));
		return properties;
	}

	/**
	 * What further accounts inherit: {@code ankor.*} as the environment has it now, with
	 * the URLs and company of a connection that a bean gives.
	 * @param binder binds the environment
	 * @param connection the default account's connection when a bean gives it, else
	 * {@code null}
	 * @return the properties
	 */
	static AnkorProperties base(Binder binder, @Nullable AnkorProperties connection) {
		AnkorProperties base = bindDefault(binder);
		if (connection != null) {
			base.setCompanyUri(connection.getCompanyUri());
			base.setApiUrl(connection.getApiUrl());
			base.setTokenUri(connection.getTokenUri());
		}
		return base;
	}

	/**
	 * The further accounts' settings, each validated: an account whose properties are at
	 * fault adds its problems and is left out.
	 * @param environment the environment
	 * @param settings the default account's settings
	 * @param problems where the problems go
	 * @return the settings of each further account, in order
	 */
	static List<AccountSettings> further(Environment environment, AnkorSettings settings,
			List<AnkorConfigurationException> problems) {
		if (settings.properties().getAccounts().isEmpty()) {
			return List.of();
		}
		Binder binder = Binder.get(environment);
		AnkorProperties base = base(binder, connection(settings));
		List<AccountSettings> further = new ArrayList<>();
		bindAccounts(binder, base, problems).forEach((name, properties) -> {
			String prefix = AccountSettings.prefix(name);
			try {
				AnkorPropertiesValidator.validate(properties, prefix);
				if (!Objects.equals(properties.getCompanyUri(), base.getCompanyUri())) {
					// an inherited one was warned about as the default account's
					AnkorPropertiesValidator.warnIfNotHttps(prefix, properties.getCompanyUri());
				}
				further.add(properties.toSettings(name));
			}
			catch (AnkorConfigurationException ex) {
				problems.addAll(AnkorPropertiesValidator.problems(ex));
			}
		});
		return further;
	}

	/**
	 * Where a switch of credentials reads an account's settings again: {@code ankor.*} as
	 * the environment has it now, with the API URL, HTTP settings and refresh margin of
	 * the settings in use (they change only with a restart), validated.
	 * @param environment the environment
	 * @param settings the default account's settings at startup
	 * @return the source
	 */
	static AccountSettingsSource source(Environment environment, AnkorSettings settings) {
		AnkorProperties connection = connection(settings);
		return (current) -> {
			Binder binder = Binder.get(environment);
			AnkorProperties properties = current.isDefault() ? bindDefault(binder)
					: bindAccount(binder, current.name(), base(binder, connection));
			if (properties == null) {
				return null;
			}
			properties.setApiUrl(current.apiUrl());
			properties.setRefreshMargin(current.refreshMargin());
			AccountSettings.Http http = current.http();
			properties.getHttp().setConnectTimeout(http.connectTimeout());
			properties.getHttp().setReadTimeout(http.readTimeout());
			properties.getHttp().setInitialBackoff(http.initialBackoff());
			properties.getHttp().setRetryBudget(http.retryBudget());
			properties.getHttp().setMaxWait(http.maxWait());
			AnkorPropertiesValidator.validate(properties, current.prefix());
			return properties.toSettings(current.name());
		};
	}

	/** The default account's connection when a bean gives it, else {@code null}. */
	private static @Nullable AnkorProperties connection(AnkorSettings settings) {
		return settings.connectionFromProperties() ? null : settings.properties();
	}

}
