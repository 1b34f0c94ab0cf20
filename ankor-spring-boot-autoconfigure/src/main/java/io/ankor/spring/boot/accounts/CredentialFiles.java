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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.credentials.AnkorKeys;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The watch of the {@code file:} credentials of the accounts with
 * {@code reload-on-update}, which the {@link CredentialSwitch} starts and stops with the
 * application context: a change asks the switch to look at those accounts. Files changed
 * while the rest of the application started are looked at once it has.
 *
 * @author Ankor starter team
 */
final class CredentialFiles {

	/** The files of each account that has any. */
	private final Map<String, Set<Path>> files;

	private final Runnable onChange;

	private volatile @Nullable CredentialFilesWatcher watcher;

	/**
	 * A watch of the accounts' credential files.
	 * @param accounts the accounts
	 * @param onChange what a change runs, on the watcher's thread
	 * @param resourceLoader resolves {@code file:} locations
	 */
	CredentialFiles(Iterable<Account> accounts, Runnable onChange, ResourceLoader resourceLoader) {
		this.onChange = onChange;
		Map<String, Set<Path>> files = new LinkedHashMap<>();
		for (Account account : accounts) {
			Set<Path> own = files(account.settings(), resourceLoader);
			if (!own.isEmpty()) {
				files.put(account.name(), own);
			}
		}
		this.files = files;
	}

	private static Set<Path> files(AccountSettings settings, ResourceLoader resourceLoader) {
		Set<Path> files = new LinkedHashSet<>();
		if (settings.reloadOnUpdate()) {
			for (String value : new String[] { settings.keyId(), settings.privateKey(), settings.publicKey() }) {
				if (value != null && AnkorKeys.isLocation(value) && value.strip().startsWith("file:")) {
					files.add(file(resourceLoader.getResource(value.strip()), value.strip()));
				}
			}
		}
		return files;
	}

	private static Path file(Resource resource, String location) {
		try {
			return resource.getFile().toPath().toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot watch '" + location + "'", ex);
		}
	}

	/** The files of every account with {@code reload-on-update}. */
	private Set<Path> getFiles() {
		Set<Path> all = new LinkedHashSet<>();
		this.files.values().forEach(all::addAll);
		return all;
	}

	void start() {
		Set<Path> all = getFiles();
		if (all.isEmpty() || this.watcher != null) {
			return;
		}
		try {
			this.watcher = new CredentialFilesWatcher(all, CredentialFilesWatcher.QUIET_PERIOD, true, this.onChange);
		}
		catch (UncheckedIOException ex) {
			throw cannotWatch(ex.getCause());
		}
	}

	/**
	 * Why the credential files cannot be watched, naming the account whose directory
	 * failed, or else the first that asks for watching (a limit of the system, say).
	 */
	private AnkorConfigurationException cannotWatch(IOException failure) {
		String directory = (failure instanceof FileSystemException problem) ? problem.getFile() : null;
		String account = this.files.keySet().iterator().next();
		for (Map.Entry<String, Set<Path>> entry : this.files.entrySet()) {
			if (directory != null
					&& entry.getValue().stream().anyMatch((file) -> file.getParent().toString().equals(directory))) {
				account = entry.getKey();
				break;
			}
		}
		String property = AccountSettings.prefix(account) + ".reload-on-update";
		return new AnkorConfigurationException(property,
				"is true, but the directories of the credential files cannot be watched ("
						+ failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")",
				"Check that the directories of the 'file:' credentials exist and are readable; on Linux, a full "
						+ "quota of file watches needs a higher fs.inotify.max_user_instances or max_user_watches. "
						+ "Or set '" + property + "' to false: new credentials are then used after a restart.");
	}

	/**
	 * Why an account's credential files are no longer read, if they are not.
	 * @param account the account's name
	 * @return the time and reason, or {@code null}
	 */
	@Nullable String getFailure(String account) {
		CredentialFilesWatcher watcher = this.watcher;
		return (watcher != null && this.files.containsKey(account)) ? watcher.getFailure() : null;
	}

	void stop() {
		CredentialFilesWatcher watcher = this.watcher;
		this.watcher = null;
		if (watcher != null) {
			watcher.close();
		}
	}

	boolean isRunning() {
		return this.watcher != null;
	}

}
