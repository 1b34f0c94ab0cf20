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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Switches accounts to new credentials without a restart: when the environment or the
 * credential files they name change, the new credentials are read and validated and
 * Ankor issues a token for them before they replace the current ones, inside the
 * account's provider ({@link DefaultAnkorAccessTokenProvider#rotate}). New credentials
 * that fail never replace working ones, and say why in a WARN and in health. Switches run
 * one at a time on the {@code ankor-credentials} thread, so that whoever asks (Spring
 * Cloud's refresh, the file watcher) does not wait for Ankor. As a lifecycle, it starts
 * and stops with the application context the watch of the credential files of the
 * accounts it can switch; a stopped context still switches on a changed environment.
 *
 * @author Ankor starter team
 */
public final class CredentialSwitch implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(CredentialSwitch.class);

	private final AnkorAccountRegistry registry;

	private final AccountFactory factory;

	private final Function<AccountSettings, @Nullable AccountSettings> source;

	private final DefaultAccountCredentials defaultCredentials;

	/** Each switchable account's credentials in use, and why new ones were last refused. */
	private final Map<String, CredentialsInUse> current = new ConcurrentHashMap<>();

	/** Runs switches one at a time, off the caller's thread; its thread is made on first use. */
	private final ThreadPoolExecutor executor;

	private final CredentialFiles files;

	/** The accounts a refresh waiting to run will look at, or {@code null} when none waits. */
	private final AtomicReference<@Nullable Predicate<AccountSettings>> pending = new AtomicReference<>();

	private volatile boolean closed;

	/**
	 * A switch for every account that can switch: not one whose provider is the
	 * application's own, nor the default account when {@code defaultSwitchable} is false
	 * (its connection comes from a bean).
	 * @param registry the accounts
	 * @param factory makes credentials and token chains
	 * @param source an account's settings read again as the environment has them now,
	 * validated, from those in use (which keep what changes only with a restart); {@code null}
	 * when the environment no longer has the account
	 * @param defaultCredentials the default account's credentials, switched with it
	 * @param defaultSwitchable whether the default account's credentials come from
	 * {@code ankor.*}
	 */
	public CredentialSwitch(AnkorAccountRegistry registry, AccountFactory factory,
			Function<AccountSettings, @Nullable AccountSettings> source,
			DefaultAccountCredentials defaultCredentials, boolean defaultSwitchable) {
		this.registry = registry;
		this.factory = factory;
		this.source = source;
		this.defaultCredentials = defaultCredentials;
		for (Account account : registry.accounts()) {
			if (account.provider() instanceof DefaultAnkorAccessTokenProvider
					&& (defaultSwitchable || !account.settings().isDefault())) {
				this.current.put(account.name(), new CredentialsInUse(account.settings(), account.loaded(),
						account.settings().fingerprint(account.loaded().contentDigest()), null, null));
			}
		}
		// no core thread: one is made when a switch is asked for, and goes 30 s after the last
		this.executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (runnable) -> {
			Thread thread = new Thread(runnable, "ankor-credentials");
			thread.setDaemon(true);
			return thread;
		});
		this.files = new CredentialFiles(
				registry.accounts().stream().filter((account) -> this.current.containsKey(account.name())).toList(),
				() -> requestRefresh(AccountSettings::reloadOnUpdate), factory.resourceLoader());
	}

	/**
	 * Looks at every account for changed credentials, on the {@code ankor-credentials}
	 * thread. Requests that arrive while one waits to run are merged into it.
	 */
	public void requestRefresh() {
		requestRefresh((account) -> true);
	}

	/**
	 * Looks at the accounts that match for changed credentials, on the
	 * {@code ankor-credentials} thread.
	 * @param filter which accounts to look at
	 */
	void requestRefresh(Predicate<AccountSettings> filter) {
		if (this.closed) {
			return;
		}
		// merged into a refresh that waits to run, which then looks at the accounts of both
		Predicate<AccountSettings> waiting = this.pending.getAndAccumulate(filter,
				(pending, added) -> (pending != null) ? pending.or(added) : added);
		if (waiting != null) {
			return;
		}
		try {
			this.executor.execute(() -> {
				Predicate<AccountSettings> accounts = this.pending.getAndSet(null);
				if (accounts != null) {
					refresh(accounts);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.pending.set(null);
		}
	}

	/**
	 * Switches the accounts that match, and whose credentials changed (in the environment
	 * or in the files they name), to the new ones; blocking. Each switch is made only once
	 * the new credentials are valid and Ankor issued a token for them, within the account's
	 * token request bound. The API URL, HTTP settings and refresh margin stay those of
	 * startup.
	 * @param filter which accounts to look at
	 */
	private void refresh(Predicate<AccountSettings> filter) {
		for (Account account : this.registry.accounts()) {
			CredentialsInUse current = this.current.get(account.name());
			if (!this.closed && current != null && filter.test(current.settings())) {
				refresh(account, current);
			}
		}
	}

	private void refresh(Account account, CredentialsInUse current) {
		String name = account.name();
		String prefix = account.settings().prefix();
		String keyId = current.key().keyId();
		String fingerprint = null;
		try {
			AccountSettings settings = this.source.apply(current.settings());
			if (settings == null) {
				logger.warn("Ankor account '%s' is no longer in the environment ('%s.*'); it keeps key id %s until "
					.formatted(name, prefix, keyId) + "the application restarts");
				return;
			}
			fingerprint = settings.fingerprint(AnkorKeys.contentDigest(prefix, settings.keyId(),
					settings.privateKey(), settings.publicKey(), this.factory.resourceLoader()));
			if (fingerprint.equals(current.fingerprint())) {
				// back to the credentials in use: an earlier rejection no longer applies
				this.current.put(name, current.accepted());
				return;
			}
			if (fingerprint.equals(current.rejectedFingerprint())) {
				// invalid as they stand: asked again only once they change
				return;
			}
			AnkorCredentials credentials = this.factory.credentials(settings);
			Account.LoadedKey key = Account.LoadedKey.of(credentials);
			AnkorAccountRegistry.checkDistinct(settings, key, keys());
			this.factory.rotate((DefaultAnkorAccessTokenProvider) account.provider(), settings, credentials);
			this.current.put(name, new CredentialsInUse(settings.withoutKeyText(), key,
					settings.fingerprint(key.contentDigest()), null, null));
			if (account.settings().isDefault()) {
				this.defaultCredentials.switchTo(credentials);
			}
			logger.info("Ankor account '%s' switched from key id %s to key id %s of %s: Ankor issued a token for it"
				.formatted(name, keyId, key.keyId(), key.companyUri()));
		}
		catch (RuntimeException | Error ex) {
			if (this.closed) {
				return;
			}
			// a refusal or a timeout may pass; credentials that are not valid stay invalid until they change
			this.current.put(name, current.rejected(Instant.now(this.factory.clock()) + ": " + reason(ex),
					(ex instanceof AnkorConfigurationException) ? fingerprint : null));
			// the starter's own messages name the property or Ankor's error; another's could quote anything
			String why = (ex instanceof AnkorConfigurationException || ex instanceof AnkorTokenException)
					? ex.getMessage() : reason(ex);
			logger.warn("Ankor account '%s' keeps key id %s: its new credentials ('%s.*') were not used: %s"
				.formatted(name, keyId, prefix, why));
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
		}
	}

	/** The keys in use, by account. */
	private Map<String, Account.LoadedKey> keys() {
		Map<String, Account.LoadedKey> keys = new LinkedHashMap<>();
		for (Account account : this.registry.accounts()) {
			CredentialsInUse current = this.current.get(account.name());
			keys.put(account.name(), (current != null) ? current.key() : account.loaded());
		}
		return keys;
	}

	/** What health may show of a failure: the property at fault or Ankor's error code. */
	private static String reason(Throwable ex) {
		if (ex instanceof AnkorConfigurationException configuration) {
			return "'" + configuration.getProperty() + "' " + configuration.getProblem();
		}
		if (ex instanceof AnkorTokenException token) {
			return "Ankor refused or failed the token request: " + token.getError().getErrorCode()
					+ ((token.getStatusCode() != 0) ? " (HTTP " + token.getStatusCode() + ")" : "");
		}
		return ex.getClass().getName();
	}

	/**
	 * Why an account's last new credentials were not used, and why its credential files
	 * are no longer read, if either.
	 * @param account the account's name
	 * @return the times and reasons (never key material), or {@code null}
	 */
	public @Nullable String problem(String account) {
		CredentialsInUse current = this.current.get(account);
		String rejection = (current != null) ? current.rejection() : null;
		String failure = this.files.getFailure(account);
		if (failure == null) {
			return rejection;
		}
		return (rejection != null) ? rejection + "; " + failure : failure;
	}

	/**
	 * The settings an account uses now: those of its last switch, else of startup.
	 * @param account the account's name
	 * @return the settings
	 */
	public AccountSettings settings(String account) {
		CredentialsInUse current = this.current.get(account);
		return (current != null) ? current.settings() : this.registry.getSettings(account);
	}

	/** Starts the watch of credential files, if an account it can switch has any. */
	@Override
	public void start() {
		this.files.start();
	}

	@Override
	public void stop() {
		this.files.stop();
	}

	@Override
	public boolean isRunning() {
		return this.files.isRunning();
	}

	/** Stops switching, and the watch should the context not have stopped it (destroyed without a stop). */
	@Override
	public void destroy() {
		this.closed = true;
		this.files.stop();
		this.executor.shutdownNow();
	}

}
