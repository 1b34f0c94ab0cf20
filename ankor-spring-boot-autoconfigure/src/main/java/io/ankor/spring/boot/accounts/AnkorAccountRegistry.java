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
package io.ankor.spring.boot.accounts;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's {@link AnkorAccounts}: the default account of the {@code ankor.*} beans
 * and one account per {@code ankor.accounts.<name>}, each made once at startup, with its
 * clients made on first use. It closes the further accounts' providers with the context.
 *
 * @author Ankor starter team
 */
public final class AnkorAccountRegistry implements AnkorAccounts, DisposableBean {

	private static final Log logger = LogFactory.getLog(AnkorAccountRegistry.class);

	private final Map<String, Account> accounts;

	private final BiFunction<AccountSettings, AnkorAccessTokenProvider, ?> webClients;

	private final BiFunction<AccountSettings, AnkorAccessTokenProvider, ?> restClients;

	/** Each account's clients, made on first use. */
	private final Map<String, Object> clients = new ConcurrentHashMap<>();

	/**
	 * Makes the further accounts. Each whose credentials cannot be read, or whose key
	 * another account uses, adds its problem to {@code problems} and is left out; the
	 * caller reports them all and closes this registry.
	 * @param defaultSettings the default account's settings
	 * @param defaultProvider the default account's provider, a bean of its own
	 * @param defaultCredentials the default account's credentials
	 * @param further the further accounts' settings, validated
	 * @param factory makes each account
	 * @param webClients makes an account's {@code WebClient} from its settings and provider
	 * @param restClients makes an account's {@code RestClient} from its settings and provider
	 * @param problems where the problems go
	 */
	public AnkorAccountRegistry(AccountSettings defaultSettings, AnkorAccessTokenProvider defaultProvider,
			AnkorCredentials defaultCredentials, Collection<AccountSettings> further, AccountFactory factory,
			BiFunction<AccountSettings, AnkorAccessTokenProvider, ?> webClients,
			BiFunction<AccountSettings, AnkorAccessTokenProvider, ?> restClients,
			List<AnkorConfigurationException> problems) {
		Map<String, Account> accounts = new LinkedHashMap<>();
		accounts.put(defaultSettings.name(), new Account(defaultSettings.withoutKeyText(), defaultProvider,
				Account.LoadedKey.of(defaultCredentials)));
		this.webClients = webClients;
		this.restClients = restClients;
		for (AccountSettings settings : further) {
			try {
				AnkorCredentials credentials = factory.credentials(settings);
				Account.LoadedKey key = Account.LoadedKey.of(credentials);
				Map<String, Account.LoadedKey> others = new LinkedHashMap<>();
				accounts.values().forEach((other) -> others.put(other.name(), other.loaded()));
				checkDistinct(settings, key, others);
				accounts.put(settings.name(),
						new Account(settings.withoutKeyText(), factory.provider(settings, credentials), key));
				logger.info("Ankor account '%s': company URI %s, key id %s, algorithm %s".formatted(settings.name(),
						credentials.getCompanyUri(), credentials.getKeyId(), credentials.getAlgorithm().getName()));
			}
			catch (AnkorConfigurationException ex) {
				problems.add(ex);
			}
		}
		this.accounts = Collections.unmodifiableMap(accounts);
	}

	/**
	 * Refuses a key another account uses.
	 * @param settings the account's settings
	 * @param key the key it would use
	 * @param others the keys of the accounts by name
	 * @throws AnkorConfigurationException when another account uses the key
	 */
	static void checkDistinct(AccountSettings settings, Account.LoadedKey key, Map<String, Account.LoadedKey> others) {
		String prefix = settings.prefix();
		others.forEach((name, taken) -> {
			if (!name.equals(settings.name()) && taken.companyUri().equals(key.companyUri())
					&& taken.keyId().equals(key.keyId())) {
				throw new AnkorConfigurationException(prefix + ".key-id",
						"is Key ID '" + key.keyId() + "' of " + key.companyUri() + ", which account '" + name
								+ "' ('" + AccountSettings.prefix(name) + ".key-id') uses too",
						"Give each account a key of its own: generate another in Ankor under Settings > Key "
								+ "generation and set it in '" + prefix + ".key-id' and '" + prefix
								+ ".private-key', or remove one of the two accounts.");
			}
		});
	}

	@Override
	public Set<String> getNames() {
		return this.accounts.keySet();
	}

	@Override
	public AnkorAccessTokenProvider getTokenProvider(String name) {
		return account(name).provider();
	}

	@Override
	public WebClient getWebClient(String name) {
		Account account = account(name);
		if (!ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient",
				getClass().getClassLoader())) {
			throw new IllegalStateException("No WebClient for Ankor account '" + name + "': Spring WebFlux is not on "
					+ "the classpath; add 'spring-boot-starter-webclient' or use getRestClient(\"" + name + "\")");
		}
		return (WebClient) this.clients.computeIfAbsent(name + " WebClient",
				(key) -> this.webClients.apply(account.settings(), account.provider()));
	}

	@Override
	public RestClient getRestClient(String name) {
		Account account = account(name);
		return (RestClient) this.clients.computeIfAbsent(name + " RestClient",
				(key) -> this.restClients.apply(account.settings(), account.provider()));
	}

	private Account account(String name) {
		Account account = this.accounts.get(name);
		if (account == null) {
			throw new IllegalArgumentException("No Ankor account '" + name + "': the accounts are " + getNames()
					+ " ('" + DEFAULT + "' is 'ankor.*', the others 'ankor.accounts.<name>.*')");
		}
		return account;
	}

	/**
	 * An account's settings as at startup: its API URL and HTTP settings are those for
	 * good, its credentials may have been switched since.
	 * @param name the account's name
	 * @return its settings, without the text of an inline key
	 * @throws IllegalArgumentException when there is no such account
	 */
	public AccountSettings getSettings(String name) {
		return account(name).settings();
	}

	/**
	 * Every account, the default one first.
	 * @return the accounts
	 */
	Collection<Account> accounts() {
		return this.accounts.values();
	}

	/**
	 * Closes the further accounts' providers; the default account's is a bean of its own.
	 */
	@Override
	public void destroy() {
		for (Account account : this.accounts.values()) {
			if (!account.settings().isDefault()
					&& account.provider() instanceof DefaultAnkorAccessTokenProvider provider) {
				provider.destroy();
			}
		}
	}

	@Override
	public String toString() {
		return "AnkorAccounts" + getNames();
	}

}
