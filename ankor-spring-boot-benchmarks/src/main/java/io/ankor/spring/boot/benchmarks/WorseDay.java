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
package io.ankor.spring.boot.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorTestCredentials;
import io.ankor.spring.boot.test.TokenRequest;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * What a worse day adds to the soak's failing, stalling token endpoint: the key files
 * rotate every {@code soak.rotate-every-s} seconds (a new key registered in Ankor, written
 * to the files, and the old key deleted in Ankor once the application switched), and the
 * application's shared JDBC token store (Spring Security's, on H2) stops answering for
 * {@code soak.store-outage-s} seconds in the middle of the run, as a database behind a
 * dead connection does: every call waits until it is back.
 *
 * @author Ankor starter team
 */
final class WorseDay {

	static final Duration ROTATE_EVERY = Duration.ofSeconds(Long.getLong("soak.rotate-every-s", 15));

	static final Duration STORE_OUTAGE = Duration.ofSeconds(Long.getLong("soak.store-outage-s", 20));

	/** How long a rotation waits for the application to switch before it gives up on that key. */
	private static final Duration SWITCH_WAIT = Duration.ofSeconds(30);

	private final AnkorSimulator simulator;

	private final Path keyId;

	private final Path privateKey;

	private volatile AnkorTestCredentials credentials;

	private final AtomicInteger rotations = new AtomicInteger();

	private final AtomicInteger switched = new AtomicInteger();

	private final OutageDataSource store;

	WorseDay(AnkorSimulator simulator, Path directory) {
		this.simulator = simulator;
		this.keyId = directory.resolve("key-id");
		this.privateKey = directory.resolve("private-key.pem");
		this.credentials = simulator.getCredentials();
		write(this.credentials);
		this.store = new OutageDataSource();
	}

	/** The key as files that the application reloads on update; no public key to check against. */
	void configure(Map<String, Object> properties) {
		properties.remove("ankor.public-key");
		properties.put("ankor.key-id", "file:" + this.keyId);
		properties.put("ankor.private-key", "file:" + this.privateKey);
		properties.put("ankor.reload-on-update", "true");
	}

	/** The application's JDBC token store, built on Ankor's registration as the README says. */
	void registerStore(GenericApplicationContext context) {
		JdbcTemplate jdbc = new JdbcTemplate(this.store);
		context.registerBean(OAuth2AuthorizedClientService.class,
				() -> new JdbcOAuth2AuthorizedClientService(jdbc, new InMemoryClientRegistrationRepository(
						context.getBean("ankorClientRegistration", ClientRegistration.class))));
	}

	/**
	 * Rotates the key files while {@code running}, and takes the store away once, in the
	 * middle of the run.
	 */
	Thread start(AnkorAccessTokenProvider tokens, AtomicBoolean running, Duration run) {
		long started = System.nanoTime();
		long outageStart = started + run.dividedBy(2).minus(STORE_OUTAGE.dividedBy(2)).toNanos();
		this.store.outage(outageStart, outageStart + STORE_OUTAGE.toNanos());
		// no rotation in the last half period: its switch would not fit in the run
		long lastRotation = started + run.minus(ROTATE_EVERY.dividedBy(2)).toNanos();
		Thread thread = new Thread(() -> {
			long next = started + ROTATE_EVERY.toNanos();
			while (running.get()) {
				if (System.nanoTime() >= next && next <= lastRotation) {
					rotate(tokens, running);
					next += ROTATE_EVERY.toNanos();
				}
				sleep(Duration.ofMillis(50));
			}
		}, "soak-key-rotation");
		thread.start();
		return thread;
	}

	private void rotate(AnkorAccessTokenProvider tokens, AtomicBoolean running) {
		AnkorTestCredentials old = this.credentials;
		AnkorTestCredentials next = old.withNewKey();
		this.simulator.registerKey(next);
		write(next);
		this.credentials = next;
		this.rotations.incrementAndGet();
		long deadline = System.nanoTime() + SWITCH_WAIT.toNanos();
		while (running.get() && System.nanoTime() < deadline) {
			if (isOf(tokens.getAccessToken().getTokenValue(), next.getKeyId())) {
				// the switch is logged: the old key is deleted in Ankor, and its tokens revoked
				this.simulator.retireKey(old.getKeyId());
				this.switched.incrementAndGet();
				return;
			}
			sleep(Duration.ofMillis(20));
		}
	}

	/** Whether the simulator issued a token for an assertion signed with the given key. */
	private boolean isOf(String token, String keyId) {
		for (TokenRequest request : this.simulator.getTokenRequests()) {
			if (token.equals(request.issuedToken())) {
				return keyId.equals(request.header().get("kid"));
			}
		}
		return false;
	}

	/** Writes the key, then its id, each replacing its file at once, as a secret update does. */
	private void write(AnkorTestCredentials credentials) {
		try {
			replace(this.privateKey, credentials.getPrivateKeyPem());
			replace(this.keyId, credentials.getKeyId());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void replace(Path file, String content) throws IOException {
		Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), content);
		Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	int rotations() {
		return this.rotations.get();
	}

	int switched() {
		return this.switched.get();
	}

	int connectionsHeld() {
		return this.store.held.get();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** H2 with Spring Security's schema, which does not answer while it is away. */
	private static final class OutageDataSource extends DelegatingDataSource {

		private volatile long outageStart = Long.MAX_VALUE;

		private volatile long outageEnd = Long.MAX_VALUE;

		/** Calls that met the outage and waited for its end. */
		private final AtomicInteger held = new AtomicInteger();

		OutageDataSource() {
			super(new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("org/springframework/security/oauth2/client/oauth2-client-schema.sql")
				.build());
		}

		void outage(long start, long end) {
			this.outageStart = start;
			this.outageEnd = end;
		}

		@Override
		public Connection getConnection() throws SQLException {
			long now = System.nanoTime();
			if (now >= this.outageStart && now < this.outageEnd) {
				this.held.incrementAndGet();
				sleep(Duration.ofNanos(this.outageEnd - now));
			}
			return super.getConnection();
		}

	}

}
