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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CredentialFilesWatcher}, on the real file system.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialFilesWatcherTests {

	@TempDir
	Path directory;

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void actsOnceWhenTheWatchedFilesHaveBeenQuiet() throws Exception {
		Path keyId = Files.writeString(this.directory.resolve("key-id"), "kid-1");
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(keyId, key), Duration.ofMillis(300),
				false, this.runs::incrementAndGet)) {
			Files.writeString(key, "two");
			Files.writeString(keyId, "kid-2");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 1);
		}
	}

	@Test
	void anErrorFromTheActionIsReportedAndTheWatchingGoesOn(CapturedOutput output) throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		Runnable failingOnce = () -> {
			if (this.runs.incrementAndGet() == 1) {
				throw new NoClassDefFoundError("com/example/Missing");
			}
		};
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100), false,
				failingOnce)) {
			Files.writeString(key, "two");
			await().atMost(Duration.ofSeconds(10)).until(() -> watcher.getFailure() != null);
			assertThat(watcher.getFailure()).contains("reading changed credential files failed")
				.contains("java.lang.NoClassDefFoundError");
			// logged just after the failure is kept
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains("WARN").contains("java.lang.NoClassDefFoundError"));
			Files.writeString(key, "three");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 2 && watcher.getFailure() == null);
		}
	}

	@Test
	void otherFilesOfTheDirectoryDoNotCount() throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100), false,
				this.runs::incrementAndGet)) {
			Files.writeString(this.directory.resolve("access.log"), "line");
			// five quiet periods: time enough to have acted, had that change counted
			Thread.sleep(500);
			assertThat(this.runs.get()).isZero();
			Files.writeString(key, "two");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 1);
		}
	}

	@Test
	void seesEveryUpdateOfAKubernetesSecretItemInADirectory() throws Exception {
		Path key = secretWithItemInADirectory();
		Set<String> read = ConcurrentHashMap.newKeySet();
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100), false,
				() -> read.add(readQuietly(key)))) {
			for (int update = 2; update <= 4; update++) {
				String content = "key " + update;
				updateSecret("..v" + update, "..v" + (update - 1), content);
				// what the action read after this update, not after an earlier one
				await().atMost(Duration.ofSeconds(10)).until(() -> read.contains(content));
			}
		}
	}

	@Test
	void aWatchedDirectoryGoneForLongIsReportedAndWatchedOnceBack(CapturedOutput output) throws Exception {
		Path key = secretWithItemInADirectory();
		Set<String> read = ConcurrentHashMap.newKeySet();
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(20), false,
				() -> read.add(readQuietly(key)))) {
			// the version is deleted and no other takes its place
			long deleted = System.nanoTime();
			FileSystemUtils.deleteRecursively(this.directory.resolve("..v1"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output).contains(" is gone; new credentials there are not seen"));
			// not before sixty quiet periods
			assertThat(System.nanoTime() - deleted).isGreaterThanOrEqualTo(Duration.ofMillis(60 * 20).toNanos());
			updateSecret("..v2", "..v1", "key 2");
			await().atMost(Duration.ofSeconds(10)).until(() -> read.contains("key 2"));
			assertThat(output.getAll()).containsOnlyOnce(" is gone; new credentials there are not seen")
				.contains(" is back; watching it for new credentials again");
		}
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

	/**
	 * A secret volume with the item path 'ankor/private-key.pem': 'ankor' is a link into
	 * the current version, '..v1', which each update replaces.
	 * @return the item's path
	 */
	private Path secretWithItemInADirectory() throws Exception {
		secretVersion("..v1", "key 1");
		Files.createSymbolicLink(this.directory.resolve("..data"), Path.of("..v1"));
		Files.createSymbolicLink(this.directory.resolve("ankor"), Path.of("..data/ankor"));
		return this.directory.resolve("ankor/private-key.pem");
	}

	private void secretVersion(String version, String key) throws Exception {
		Path items = Files.createDirectories(this.directory.resolve(version).resolve("ankor"));
		Files.writeString(items.resolve("private-key.pem"), key);
	}

	/** What the kubelet does: write the new version, swap the '..data' link, delete the old version. */
	private void updateSecret(String version, String previous, String key) throws Exception {
		secretVersion(version, key);
		Path link = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), Path.of(version));
		Files.move(link, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		FileSystemUtils.deleteRecursively(this.directory.resolve(previous));
	}

	@Test
	void looksOnceAtStartWhenAsked() throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100), true,
				this.runs::incrementAndGet)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 1);
			Files.writeString(key, "two");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 2);
		}
	}

	@Test
	void closingEndsItsThread() throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100), false,
				this.runs::incrementAndGet);
		watcher.close();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("ankor-credentials-watcher") && thread.isAlive());
	}

}
