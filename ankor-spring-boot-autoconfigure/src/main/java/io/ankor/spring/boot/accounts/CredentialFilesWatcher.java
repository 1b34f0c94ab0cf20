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
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches the directories of credential files and runs an action once they have been
 * quiet for a while after a change, as Spring Boot's SSL bundles do with
 * {@code reload-on-update}. Directories, not files, are watched, so that a file replaced
 * by a rename or a Kubernetes secret's symbolic link swap is seen too. One daemon thread,
 * {@code ankor-credentials-watcher}, ends when the watcher is closed.
 *
 * @author Ankor starter team
 */
final class CredentialFilesWatcher implements AutoCloseable {

	/** How long the files must be quiet after a change before they are read. */
	static final Duration QUIET_PERIOD = Duration.ofSeconds(1);

	/** After how many quiet periods a watched directory that is gone is reported. */
	static final int REPORT_AFTER_QUIET_PERIODS = 60;

	private static final Log logger = LogFactory.getLog(CredentialFilesWatcher.class);

	private final WatchService watchService;

	private final Duration quietPeriod;

	private final Runnable action;

	private final boolean lookAtStart;

	private final Thread thread;

	/** The names whose change counts: the files', and Kubernetes' {@code ..data} links. */
	private final Set<Path> names = new HashSet<>();

	/**
	 * Directories whose watch ended because they were deleted or replaced (a Kubernetes
	 * secret's item whose path has a directory, such as {@code ankor/private-key.pem}, is
	 * in a directory that each update replaces), with when they were lost by
	 * {@link System#nanoTime()}, watched again once they exist; used by the watcher's thread
	 * only.
	 */
	private final Map<Path, Long> lost = new LinkedHashMap<>();

	/** When and why the watcher last failed; {@code null} while it never did. */
	private volatile @Nullable String failure;

	/** Lost directories already reported as gone for long; used by the watcher's thread only. */
	private final Set<Path> reported = new HashSet<>();

	/**
	 * Starts watching, and optionally runs the action once as if the files had just
	 * changed: for files read some time before, which may have changed before they were
	 * watched.
	 * @param files the files whose changes count
	 * @param quietPeriod how long they must be quiet after a change before the action runs
	 * @param lookAtStart whether the action runs once the files are first quiet, changed or
	 * not
	 * @param action what runs, on the watcher's thread, after a change
	 */
	CredentialFilesWatcher(Set<Path> files, Duration quietPeriod, boolean lookAtStart, Runnable action) {
		this.quietPeriod = quietPeriod;
		this.action = action;
		this.lookAtStart = lookAtStart;
		Set<Path> directories = new LinkedHashSet<>();
		files.forEach((file) -> {
			directories.add(file.getParent());
			this.names.add(file.getFileName());
		});
		WatchService watchService = null;
		try {
			watchService = FileSystems.getDefault().newWatchService();
			for (Path directory : directories) {
				register(watchService, directory);
			}
		}
		catch (IOException ex) {
			closeQuietly(watchService);
			throw new UncheckedIOException("Cannot watch the Ankor credential files in " + directories, ex);
		}
		this.watchService = watchService;
		this.thread = new Thread(this::run, "ankor-credentials-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
		logger.info("Ankor: watching " + directories + " for new credentials (reload-on-update)");
	}

	private void run() {
		try {
			if (this.lookAtStart) {
				awaitQuiet();
				act();
			}
			while (!Thread.currentThread().isInterrupted()) {
				// while a directory is lost, look for it again every quiet period
				WatchKey changed = this.lost.isEmpty() ? this.watchService.take()
						: this.watchService.poll(this.quietPeriod.toNanos(), TimeUnit.NANOSECONDS);
				boolean concerns = changed != null && concerns(changed);
				// a directory watched again may have changed while it was not watched
				boolean found = watchLostDirectoriesAgain();
				if (concerns || found) {
					awaitQuiet();
					act();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ClosedWatchServiceException ex) {
			// closed
		}
		catch (RuntimeException | Error ex) {
			failed("the credential files are no longer watched; new credentials are used after a restart", ex);
		}
	}

	/**
	 * Waits until the files are quiet: a key and its id may be written one after the
	 * other. Not for ever: other files of a busy directory do not count, and ten quiet
	 * periods at most.
	 */
	private void awaitQuiet() throws InterruptedException {
		long deadline = System.nanoTime() + 10 * this.quietPeriod.toNanos();
		long quietUntil = System.nanoTime() + this.quietPeriod.toNanos();
		long wait;
		while ((wait = Math.min(quietUntil, deadline) - System.nanoTime()) > 0) {
			WatchKey key = this.watchService.poll(wait, TimeUnit.NANOSECONDS);
			if (key == null) {
				break;
			}
			if (concerns(key)) {
				quietUntil = System.nanoTime() + this.quietPeriod.toNanos();
			}
		}
	}

	/**
	 * Runs the action; whatever it throws, an {@link Error} included, is reported and the
	 * watching goes on (but after a {@link VirtualMachineError}).
	 */
	private void act() {
		try {
			this.action.run();
			this.failure = null;
		}
		catch (RuntimeException | Error ex) {
			failed("reading changed credential files failed", ex);
			if (ex instanceof VirtualMachineError fatal) {
				// out of memory or stack: reported, and not carried on from
				throw fatal;
			}
		}
	}

	private void failed(String what, Throwable failure) {
		// the class only: a message could quote the files' content
		String reason = what + " (" + failure.getClass().getName() + ")";
		this.failure = Instant.now() + ": " + reason;
		logger.warn("Ankor: " + reason);
	}

	/**
	 * When and why the watcher last failed, if it did: an action that threw, or the watcher
	 * itself stopping.
	 * @return the time and reason (never file content), or {@code null}
	 */
	@Nullable String getFailure() {
		return this.failure;
	}

	/**
	 * Takes the key's events and readies it for more: whether any of them concerns the
	 * files, or its directory is gone.
	 */
	private boolean concerns(WatchKey key) {
		boolean concerns = false;
		for (WatchEvent<?> event : key.pollEvents()) {
			concerns |= concerns(event);
		}
		if (!key.reset()) {
			// the directory was deleted or replaced: its files may be elsewhere now
			this.lost.putIfAbsent((Path) key.watchable(), System.nanoTime());
			logger.debug("Ankor: " + key.watchable() + " was replaced; watching it again once it exists");
			return true;
		}
		return concerns;
	}

	/**
	 * Watches again the lost directories that exist now: whether there were any. One that
	 * stays away for {@value #REPORT_AFTER_QUIET_PERIODS} quiet periods is reported once.
	 */
	private boolean watchLostDirectoriesAgain() {
		boolean found = false;
		for (Iterator<Map.Entry<Path, Long>> iterator = this.lost.entrySet().iterator(); iterator.hasNext();) {
			Map.Entry<Path, Long> entry = iterator.next();
			Path directory = entry.getKey();
			try {
				register(this.watchService, directory);
				iterator.remove();
				if (this.reported.remove(directory)) {
					logger.info("Ankor: " + directory + " is back; watching it for new credentials again");
				}
				found = true;
			}
			catch (IOException ex) {
				// not there yet: looked for again after the next quiet period
				long away = System.nanoTime() - entry.getValue();
				if (away > REPORT_AFTER_QUIET_PERIODS * this.quietPeriod.toNanos() && this.reported.add(directory)) {
					logger.warn("Ankor: " + directory + " is gone; new credentials there are not seen until it is "
							+ "back");
				}
			}
		}
		return found;
	}

	private static void register(WatchService watchService, Path directory) throws IOException {
		directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
				StandardWatchEventKinds.ENTRY_DELETE);
	}

	private boolean concerns(WatchEvent<?> event) {
		if (!(event.context() instanceof Path name)) {
			// OVERFLOW: events were lost, so look
			return true;
		}
		return this.names.contains(name) || name.toString().startsWith("..");
	}

	/** Stops watching; waits at most a second for the watcher's thread to end. */
	@Override
	public void close() {
		closeQuietly(this.watchService);
		this.thread.interrupt();
		try {
			this.thread.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(@Nullable WatchService watchService) {
		if (watchService != null) {
			try {
				watchService.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the Ankor credentials watcher failed", ex);
			}
		}
	}

}
