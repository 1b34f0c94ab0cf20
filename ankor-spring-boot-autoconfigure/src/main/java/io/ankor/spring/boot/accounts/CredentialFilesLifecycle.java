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

import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Watches the {@code file:} credentials of the accounts with {@code reload-on-update},
 * started and stopped with the application context, and asks the
 * {@link CredentialSwitch} to look at those accounts when a file changes. Files changed
 * while the rest of the application started are looked at once it has.
 *
 * @author Ankor starter team
 */
public final class CredentialFilesLifecycle implements SmartLifecycle {

	/** The files of each account that has any. */
	private final Map<String, Set<Path>> files;

	private final CredentialSwitch credentialSwitch;

	private volatile @Nullable CredentialFilesWatcher watcher;

	/**
	 * A watch of the accounts' credential files.
	 * @param registry the accounts
	 * @param credentialSwitch what a change is told to
	 * @param resourceLoader resolves {@code file:} locations
	 */
	public CredentialFilesLifecycle(AnkorAccountRegistry registry, CredentialSwitch credentialSwitch,
			ResourceLoader resourceLoader) {
		this.credentialSwitch = credentialSwitch;
		Map<String, Set<Path>> files = new LinkedHashMap<>();
		for (Account account : registry.accounts()) {
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

	/**
	 * The files watched.
	 * @return the files of every account with {@code reload-on-update}
	 */
	Set<Path> getFiles() {
		Set<Path> all = new LinkedHashSet<>();
		this.files.values().forEach(all::addAll);
		return all;
	}

	@Override
	public void start() {
		Set<Path> all = getFiles();
		if (all.isEmpty() || this.watcher != null) {
			return;
		}
		try {
			this.watcher = new CredentialFilesWatcher(all, CredentialFilesWatcher.QUIET_PERIOD, true,
					() -> this.credentialSwitch.requestRefresh(AccountSettings::reloadOnUpdate));
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
	public @Nullable String getFailure(String account) {
		CredentialFilesWatcher watcher = this.watcher;
		return (watcher != null && this.files.containsKey(account)) ? watcher.getFailure() : null;
	}

	@Override
	public void stop() {
		CredentialFilesWatcher watcher = this.watcher;
		this.watcher = null;
		if (watcher != null) {
			watcher.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.watcher != null;
	}

}
