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
package io.ankor.spring.boot.credentials;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CredentialFilesWatcher}, on the real file system.
 */
class CredentialFilesWatcherTests {

	@TempDir
	Path directory;

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void actsOnceWhenTheWatchedFilesHaveBeenQuiet() throws Exception {
		Path keyId = Files.writeString(this.directory.resolve("key-id"), "kid-1");
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(keyId, key), Duration.ofMillis(300),
				this.runs::incrementAndGet)) {
			Files.writeString(key, "two");
			Files.writeString(keyId, "kid-2");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.runs.get() == 1);
		}
	}

	@Test
	void otherFilesOfTheDirectoryDoNotCount() throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		try (CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100),
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
	void closingEndsItsThread() throws Exception {
		Path key = Files.writeString(this.directory.resolve("private-key.pem"), "one");
		CredentialFilesWatcher watcher = new CredentialFilesWatcher(Set.of(key), Duration.ofMillis(100),
				this.runs::incrementAndGet);
		watcher.close();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("ankor-credentials-watcher") && thread.isAlive());
	}

}
