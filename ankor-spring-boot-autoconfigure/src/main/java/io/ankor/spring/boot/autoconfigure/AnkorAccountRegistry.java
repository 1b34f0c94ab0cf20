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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorWebClientCustomizer;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import io.ankor.spring.boot.credentials.CredentialFilesWatcher;
import io.ankor.spring.boot.token.DefaultAnkorAccessTokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's {@link AnkorAccounts}: the default account of the {@code ankor.*}
 * beans and one account per {@code ankor.accounts.<name>}, whose properties are those
 * of {@code ankor.*} overridden by its own (its key is never inherited).
 * <p>
 * {@link #refresh} switches an account to new credentials without a restart: they are
 * validated and Ankor issues a token for them before they replace the current ones; new
 * credentials that fail never replace working ones, and say why in a WARN and in health.
 *
 * @author Ankor starter team
 */
final class AnkorAccountRegistry implements AnkorAccounts, SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(AnkorAccountRegistry.class);

	private static final String ENVIRONMENT_CHANGE_EVENT = "org.springframework.cloud.context.environment."
			+ "EnvironmentChangeEvent";

	private final Environment environment;

	private final ResourceLoader resourceLoader;

	private final AnkorAccountFactory factory;

	private final ListableBeanFactory beanFactory;

	private final Map<String, Account> accounts;

	/** Whether observations and meters name the account: whenever 'ankor.accounts' is set. */
	private final boolean tagged;

	/** Runs refreshes one at a time, off the caller's thread; made on first use. */
	private final ThreadPoolExecutor refresher;

	/** The default account's connection when a bean, not 'ankor.*', gives it. */
	private final @Nullable AnkorProperties connection;

	/** The accounts a refresh waiting to run will look at, or {@code null} when none waits. */
	private final AtomicReference<@Nullable Predicate<Account>> pendingRefresh = new AtomicReference<>();

	/** The company URI further accounts inherit, as at startup. */
	private @Nullable String inheritedCompanyUri;

	/** The default account's credentials as the rest of the starter sees them; switched with the account. */
	private final DefaultAccountCredentials defaultCredentials;

	private volatile boolean closed;

	private volatile @Nullable CredentialFilesWatcher fileWatcher;

	AnkorAccountRegistry(Environment environment, ResourceLoader resourceLoader, AnkorAccountFactory factory,
			ListableBeanFactory beanFactory, AnkorProperties defaultProperties,
			@Nullable AnkorProperties connectionProperties, DefaultAccountCredentials defaultCredentials,
			AnkorAccessTokenProvider defaultProvider) {
		this.environment = environment;
		this.resourceLoader = resourceLoader;
		this.factory = factory;
		this.beanFactory = beanFactory;
		this.tagged = !defaultProperties.getAccounts().isEmpty();
		// what a switch of credentials compares with is kept only where a switch can happen
		boolean switchable = this.tagged || defaultProperties.isReloadOnUpdate()
				|| ClassUtils.isPresent(ENVIRONMENT_CHANGE_EVENT, resourceLoader.getClassLoader());
		Binder binder = Binder.get(environment);
		// a snapshot: Spring Cloud may rebind the properties bean in place
		AnkorProperties startup = (connectionProperties != null) ? connectionProperties
				: switchable ? AnkorAccountProperties.bindDefault(binder) : defaultProperties;
		this.connection = connectionProperties;
		if (connectionProperties != null) {
			logger.info("Ankor: the default account's connection comes from an AnkorConnectionDetails bean, not from "
					+ "'ankor.*'; its credentials change only with a restart");
		}
		Map<String, Account> accounts = new LinkedHashMap<>();
		this.defaultCredentials = defaultCredentials;
		accounts.put(DEFAULT, new Account(DEFAULT, defaultProvider, startup, defaultCredentials.current(),
				switchable ? fingerprint(startup, defaultCredentials.current()) : ""));
		if (!(defaultProvider instanceof DefaultAnkorAccessTokenProvider)) {
			logger.info("Ankor: the default account's credentials are not switched without a restart, because the "
					+ "application's own " + defaultProvider.getClass().getName() + " is its token provider");
		}
		List<AnkorConfigurationException> problems = new ArrayList<>();
		try {
			AnkorProperties base = base(binder);
			this.inheritedCompanyUri = base.getCompanyUri();
			Map<String, AnkorProperties> named = this.tagged
					? AnkorAccountProperties.bindAccounts(binder, base, problems) : Map.of();
			for (Map.Entry<String, AnkorProperties> entry : named.entrySet()) {
				Account account = create(entry.getKey(), entry.getValue(), accounts.values(), problems);
				if (account != null) {
					accounts.put(account.name, account);
				}
			}
		}
		catch (RuntimeException ex) {
			accounts.values().stream().skip(1).forEach(Account::close);
			throw ex;
		}
		if (!problems.isEmpty()) {
			accounts.values().stream().skip(1).forEach(Account::close);
			AnkorPropertiesValidator.throwIfAny(problems);
		}
		this.accounts = Collections.unmodifiableMap(accounts);
		ThreadPoolExecutor refresher = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, "ankor-credentials");
					thread.setDaemon(true);
					return thread;
				});
		refresher.allowCoreThreadTimeOut(true);
		this.refresher = refresher;
	}

	private @Nullable Account create(String name, AnkorProperties properties, Iterable<Account> others,
			List<AnkorConfigurationException> problems) {
		try {
			Prepared prepared = prepare(name, properties, others);
			if (!Objects.equals(properties.getCompanyUri(), this.inheritedCompanyUri)) {
				// an inherited one was warned about as the default account's
				AnkorPropertiesValidator.warnIfNotHttps(AnkorAccountFactory.prefix(name), properties.getCompanyUri());
			}
			AnkorCredentials credentials = prepared.credentials();
			DefaultAnkorAccessTokenProvider provider = this.factory.provider(name, true, properties, prepared.signer(),
					prepared.registration());
			logger.info("Ankor account '%s': company URI %s, key id %s, algorithm %s".formatted(name,
					credentials.getCompanyUri(), credentials.getKeyId(), credentials.getAlgorithm().getName()));
			return new Account(name, provider, properties, credentials, fingerprint(properties, credentials));
		}
		catch (AnkorConfigurationException ex) {
			problems.addAll(AnkorPropertiesValidator.problems(ex));
			return null;
		}
	}

	/**
	 * Checks an account's properties and loads its credentials, at startup and for a
	 * switch alike: every property at fault, and a key another account uses, fail.
	 */
	private Prepared prepare(String name, AnkorProperties properties, Iterable<Account> others) {
		String prefix = AnkorAccountFactory.prefix(name);
		AnkorPropertiesValidator.validate(properties, prefix);
		AnkorCredentials credentials = this.factory.credentials(name, properties);
		for (Account other : others) {
			if (!other.name.equals(name)) {
				checkDistinct(prefix, credentials, other);
			}
		}
		return new Prepared(credentials, this.factory.signer(properties, credentials),
				AnkorAccountFactory.registration(name, properties));
	}

	private record Prepared(AnkorCredentials credentials, AnkorAssertionSigner signer,
			ClientRegistration registration) {
	}

	private static void checkDistinct(String prefix, AnkorCredentials credentials, Account other) {
		AnkorCredentials taken = other.credentials;
		if (taken.getCompanyUri().equals(credentials.getCompanyUri())
				&& taken.getKeyId().equals(credentials.getKeyId())) {
			String otherKeyId = AnkorAccountFactory.prefix(other.name) + ".key-id";
			throw new AnkorConfigurationException(prefix + ".key-id",
					"is Key ID '" + credentials.getKeyId() + "' of " + credentials.getCompanyUri()
							+ ", which account '" + other.name + "' ('" + otherKeyId + "') uses too",
					"Give each account a key of its own: generate another in Ankor under Settings > Key generation "
							+ "and set it in '" + prefix + ".key-id' and '" + prefix + ".private-key', or remove one "
							+ "of the two accounts.");
		}
	}

	/** What further accounts inherit. */
	private AnkorProperties base(Binder binder) {
		return AnkorAccountProperties.base(binder, this.connection);
	}

	@Override
	public Set<String> getNames() {
		return this.accounts.keySet();
	}

	@Override
	public AnkorAccessTokenProvider getTokenProvider(String name) {
		return account(name).provider;
	}

	@Override
	public WebClient getWebClient(String name) {
		Account account = account(name);
		if (!ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient",
				getClass().getClassLoader())) {
			throw new IllegalStateException("No WebClient for Ankor account '" + name + "': Spring WebFlux is not on "
					+ "the classpath; add 'spring-boot-starter-webclient' or use getRestClient(\"" + name + "\")");
		}
		if (DEFAULT.equals(name)) {
			return this.beanFactory.getBean("ankorWebClient", WebClient.class);
		}
		return account.client(WebClient.class,
				() -> AnkorClientsAutoConfiguration.webClient(this.beanFactory.getBeanProvider(WebClient.Builder.class),
						account.properties, account.provider,
						this.beanFactory.getBeanProvider(AnkorWebClientCustomizer.class)));
	}

	@Override
	public RestClient getRestClient(String name) {
		Account account = account(name);
		if (DEFAULT.equals(name)) {
			return this.beanFactory.getBean("ankorRestClient", RestClient.class);
		}
		return account.client(RestClient.class,
				() -> AnkorClientsAutoConfiguration.restClient(this.beanFactory.getBeanProvider(RestClient.Builder.class),
						account.properties, account.provider,
						this.beanFactory.getBeanProvider(AnkorRestClientCustomizer.class)));
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
	 * Every account by name, the default one first.
	 * @return the accounts
	 */
	Map<String, Account> accounts() {
		return this.accounts;
	}

	/**
	 * Whether observations and meters name each account: whenever {@code ankor.accounts}
	 * is set.
	 * @return whether the account tag is used
	 */
	boolean isTagged() {
		return this.tagged;
	}

	/**
	 * Looks at every account for changed credentials, on the {@code ankor-credentials}
	 * thread: the caller (Spring Cloud's refresh, say) does not wait for Ankor. Requests
	 * that arrive while one waits to run are merged into it.
	 * @see #refresh(Predicate)
	 */
	void requestRefresh() {
		requestRefresh((account) -> true);
	}

	private void requestRefresh(Predicate<Account> filter) {
		if (this.closed) {
			return;
		}
		// merged into a refresh that waits to run, which then looks at the accounts of both
		Predicate<Account> waiting = this.pendingRefresh.getAndAccumulate(filter,
				(pending, added) -> (pending != null) ? pending.or(added) : added);
		if (waiting != null) {
			return;
		}
		try {
			this.refresher.execute(() -> {
				Predicate<Account> accounts = this.pendingRefresh.getAndSet(null);
				if (accounts != null) {
					refresh(accounts);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.pendingRefresh.set(null);
		}
	}

	/**
	 * Switches the accounts that match, and whose credentials changed (in the environment
	 * or in the files they name), to the new ones; blocking, so called on the
	 * {@code ankor-credentials} thread. Each switch is made only once the new credentials
	 * are valid and Ankor issued a token for them, within the account's token request
	 * bound; until then, and for good when they fail, the current credentials stay in
	 * use, with a WARN and a health detail that say why. The API URL, HTTP settings and
	 * refresh margin stay those of startup.
	 * @param filter which accounts to look at
	 */
	void refresh(Predicate<Account> filter) {
		Binder binder = Binder.get(this.environment);
		for (Account account : this.accounts.values()) {
			if (!this.closed && filter.test(account)) {
				refresh(binder, account);
			}
		}
	}

	private void refresh(Binder binder, Account account) {
		if (!(account.provider instanceof DefaultAnkorAccessTokenProvider provider)
				|| (DEFAULT.equals(account.name) && this.connection != null) || account.fingerprint.isEmpty()) {
			// a provider of the application's, a connection of a bean's, or nothing kept to compare with
			return;
		}
		String prefix = AnkorAccountFactory.prefix(account.name);
		String keyId = account.credentials.getKeyId();
		String fingerprint = null;
		try {
			AnkorProperties properties = DEFAULT.equals(account.name) ? AnkorAccountProperties.bindDefault(binder)
					: AnkorAccountProperties.bindAccount(binder, account.name, base(binder));
			if (properties == null) {
				logger.warn("Ankor account '%s' is no longer in the environment ('%s.*'); it keeps key id %s until "
					.formatted(account.name, prefix, keyId) + "the application restarts");
				return;
			}
			AnkorAccountProperties.keepStartupSettings(properties, account.properties);
			fingerprint = fingerprint(account.name, properties);
			if (fingerprint.equals(account.fingerprint)) {
				// back to the credentials in use: an earlier rejection no longer applies
				account.accepted();
				return;
			}
			if (fingerprint.equals(account.rejectedFingerprint)) {
				// invalid as they stand: asked again only once they change
				return;
			}
			Prepared next = prepare(account.name, properties, this.accounts.values());
			AnkorCredentials credentials = next.credentials();
			provider.rotate(this.factory.chain(account.name, this.tagged, properties, next.signer(),
					next.registration()));
			account.switchTo(properties, credentials, fingerprint(properties, credentials));
			if (DEFAULT.equals(account.name)) {
				this.defaultCredentials.switchTo(credentials);
			}
			logger.info("Ankor account '%s' switched from key id %s to key id %s of %s: Ankor issued a token for it"
				.formatted(account.name, keyId, credentials.getKeyId(), credentials.getCompanyUri()));
		}
		catch (RuntimeException | Error ex) {
			if (this.closed) {
				return;
			}
			// a refusal or a timeout may pass; credentials that are not valid stay invalid until they change
			account.rejected(reason(ex), Instant.now(this.factory.clock()),
					(ex instanceof AnkorConfigurationException) ? fingerprint : null);
			// the starter's own messages name the property or Ankor's error; another's could quote anything
			String why = (ex instanceof AnkorConfigurationException || ex instanceof AnkorTokenException)
					? ex.getMessage() : reason(ex);
			logger.warn("Ankor account '%s' keeps key id %s: its new credentials ('%s.*') were not used: %s"
				.formatted(account.name, keyId, prefix, why));
			if (ex instanceof VirtualMachineError fatal) {
				throw fatal;
			}
		}
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
	 * are no longer read, if either is so: what its health shows.
	 * @param account the account
	 * @return the times and reasons (never key material), or {@code null}
	 */
	@Nullable String rejection(Account account) {
		String rejection = account.rejection();
		CredentialFilesWatcher watcher = this.fileWatcher;
		String watcherFailure = (watcher != null && account.properties.isReloadOnUpdate()) ? watcher.getFailure()
				: null;
		if (watcherFailure == null) {
			return rejection;
		}
		return (rejection != null) ? rejection + "; " + watcherFailure : watcherFailure;
	}

	/**
	 * A digest of everything a token chain is made of, file contents included as they are
	 * now, so that a change can be seen without keeping key material.
	 */
	private String fingerprint(String account, AnkorProperties properties) {
		return fingerprint(properties, AnkorKeys.contentDigest(AnkorAccountFactory.prefix(account),
				properties.getKeyId(), properties.getPrivateKey(), properties.getPublicKey(), this.resourceLoader));
	}

	/**
	 * The same digest, of credentials as they were loaded: a file written after they were
	 * read is a change, however soon after.
	 */
	private static String fingerprint(AnkorProperties properties, AnkorCredentials credentials) {
		return fingerprint(properties, credentials.getContentDigest());
	}

	private static String fingerprint(AnkorProperties properties, String contentDigest) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String value : List.of(String.valueOf(properties.getCompanyUri()), contentDigest,
					String.valueOf(properties.getScopes()), String.valueOf(properties.getAudience()),
					String.valueOf(properties.getTokenUri()), String.valueOf(properties.getGrantType()),
					String.valueOf(properties.getAssertionLifetime()))) {
				digest.update(value.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The files that hold credentials of accounts with {@code reload-on-update}.
	 * @return the files
	 */
	Set<Path> watchedFiles() {
		Set<Path> files = new LinkedHashSet<>();
		for (Account account : this.accounts.values()) {
			files.addAll(watchedFiles(account));
		}
		return files;
	}

	private Set<Path> watchedFiles(Account account) {
		Set<Path> files = new LinkedHashSet<>();
		AnkorProperties properties = account.properties;
		if (properties.isReloadOnUpdate()) {
			for (String value : new String[] { properties.getKeyId(), properties.getPrivateKey(),
					properties.getPublicKey() }) {
				if (value != null && AnkorKeys.isLocation(value) && value.strip().startsWith("file:")) {
					files.add(file(value.strip()));
				}
			}
		}
		return files;
	}

	private Path file(String location) {
		Resource resource = this.resourceLoader.getResource(location);
		try {
			return resource.getFile().toPath().toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot watch '" + location + "'", ex);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Account account : this.accounts.values()) {
			if (!DEFAULT.equals(account.name) && account.properties.isVerifyOnStartup()) {
				// the default account's is the bean 'ankorStartupVerifier'
				new AnkorStartupVerifier(account.provider, account.name).afterSingletonsInstantiated();
			}
		}
		Set<Path> files = watchedFiles();
		if (!files.isEmpty()) {
			try {
				// files changed while the rest of the application started were not watched yet: look once
				this.fileWatcher = new CredentialFilesWatcher(files, CredentialFilesWatcher.QUIET_PERIOD, true,
						() -> requestRefresh((account) -> account.properties.isReloadOnUpdate()));
			}
			catch (UncheckedIOException ex) {
				throw cannotWatch(ex.getCause());
			}
		}
	}

	/**
	 * Why the credential files cannot be watched, naming the account whose directory
	 * failed, or else the first that asks for watching (a limit of the system, say).
	 */
	private AnkorConfigurationException cannotWatch(IOException failure) {
		String directory = (failure instanceof FileSystemException problem) ? problem.getFile() : null;
		String property = null;
		for (Account account : this.accounts.values()) {
			Set<Path> files = watchedFiles(account);
			boolean failed = directory != null
					&& files.stream().anyMatch((file) -> file.getParent().toString().equals(directory));
			if (!files.isEmpty() && (property == null || failed)) {
				property = AnkorAccountFactory.prefix(account.name) + ".reload-on-update";
				if (failed) {
					break;
				}
			}
		}
		property = (property != null) ? property : "ankor.reload-on-update";
		return new AnkorConfigurationException(property,
				"is true, but the directories of the credential files cannot be watched ("
						+ failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")",
				"Check that the directories of the 'file:' credentials exist and are readable; on Linux, a full "
						+ "quota of file watches needs a higher fs.inotify.max_user_instances or max_user_watches. "
						+ "Or set '" + property + "' to false: new credentials are then used after a restart.");
	}

	@Override
	public void destroy() {
		this.closed = true;
		CredentialFilesWatcher watcher = this.fileWatcher;
		if (watcher != null) {
			watcher.close();
		}
		this.refresher.shutdownNow();
		this.accounts.values().stream().skip(1).forEach(Account::close);
	}

	@Override
	public String toString() {
		return "AnkorAccounts" + getNames();
	}

	/**
	 * One account: its provider for good, its current credentials, and why new ones were
	 * last refused.
	 */
	static final class Account {

		final String name;

		final AnkorAccessTokenProvider provider;

		volatile AnkorProperties properties;

		volatile AnkorCredentials credentials;

		volatile String fingerprint;

		private volatile @Nullable String rejection;

		/** Invalid credentials, not tried again until they change. */
		volatile @Nullable String rejectedFingerprint;

		/** Its clients, made on first use. */
		private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

		Account(String name, AnkorAccessTokenProvider provider, AnkorProperties properties,
				AnkorCredentials credentials, String fingerprint) {
			this.name = name;
			this.provider = provider;
			this.properties = properties;
			this.credentials = credentials;
			this.fingerprint = fingerprint;
		}

		void switchTo(AnkorProperties properties, AnkorCredentials credentials, String fingerprint) {
			this.properties = properties;
			this.credentials = credentials;
			this.fingerprint = fingerprint;
			accepted();
		}

		<C> C client(Class<C> type, Supplier<C> factory) {
			return type.cast(this.clients.computeIfAbsent(type, (key) -> factory.get()));
		}

		void accepted() {
			this.rejection = null;
			this.rejectedFingerprint = null;
		}

		void rejected(String reason, Instant at, @Nullable String invalidFingerprint) {
			this.rejection = at + ": " + reason;
			this.rejectedFingerprint = invalidFingerprint;
		}

		/**
		 * Why the last new credentials were not used, if they were not.
		 * @return the time and reason, or {@code null}
		 */
		@Nullable String rejection() {
			return this.rejection;
		}

		AnkorCredentials credentials() {
			return this.credentials;
		}

		void close() {
			if (this.provider instanceof DefaultAnkorAccessTokenProvider provider) {
				provider.destroy();
			}
		}

	}

}
