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
package io.ankor.spring.boot.test;

import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A strict local Ankor: a real HTTP server on localhost, built on WireMock.
 * <p>
 * Its token endpoint, {@code POST /iam/oauth/token}, checks every assertion as Ankor's
 * guide describes it: signature with the public key registered for its {@code kid},
 * {@code alg}, {@code typ}, exactly the claims {@code scopes} (an array), {@code iss} =
 * {@code sub} = the registered company URI, {@code aud} = the string {@code "ankor.io"},
 * {@code iat} not in the future, {@code exp - iat} at most an hour, not expired, and the
 * grant type. A bad request gets an RFC 6749 error whose description says exactly what
 * was wrong; a good one gets a random opaque token.
 * <p>
 * Everything else is Ankor's API: stub it with the ordinary WireMock DSL through
 * {@link #stubFor(MappingBuilder)}. The simulator answers 401 with a Bearer
 * {@code invalid_token} challenge to any API call that lacks a live token it issued.
 * <p>
 * To test error handling, {@link #failTokenEndpoint(int, TokenEndpointFault)} makes the
 * token endpoint fail the ways a real server or network can: error statuses, stalls,
 * trickles, resets, oversized or malformed bodies; {@link #setClockOffset(Duration)}
 * skews its clock either way.
 *
 * @author Ankor starter team
 */
public final class AnkorSimulator implements AutoCloseable {

	/** Path of the token endpoint. */
	public static final String TOKEN_PATH = "/iam/oauth/token";

	private final AnkorTestCredentials credentials;

	private final Map<String, AssertionVerifier.RegisteredKey> keys = new ConcurrentHashMap<>();

	private final IssuedTokens tokens = new IssuedTokens();

	private final SimulatedTokenEndpoint tokenEndpoint;

	private final Clock baseClock;

	private final WireMockServer server;

	private volatile Duration clockOffset = Duration.ZERO;

	/** Counted down to end the answers held now; replaced by a fresh one on reset. */
	private volatile CountDownLatch heldAnswers = new CountDownLatch(1);

	private AnkorSimulator(Builder builder) {
		this.credentials = builder.credentials;
		this.baseClock = builder.clock;
		registerKey(this.credentials.getKeyId(), this.credentials.getKeyPair().getPublic(),
				this.credentials.getCompanyUri());
		AssertionVerifier verifier = new AssertionVerifier(this.keys::get, "ankor.io", builder.leeway,
				Set.copyOf(builder.allowedScopes));
		this.tokenEndpoint = new SimulatedTokenEndpoint(verifier, this.tokens, builder.tokenLifetime, this::now,
				() -> this.heldAnswers);
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.port(builder.port)
			.extensions(this.tokenEndpoint, new ApiGuard(this.tokens, this::now),
					new HeldBody(() -> this.heldAnswers)));
	}

	/**
	 * Starts a simulator with freshly generated credentials on a free port.
	 * @return the running simulator
	 */
	public static AnkorSimulator start() {
		return builder().start();
	}

	/**
	 * A builder, to choose credentials, port, token lifetime or clock.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private AnkorSimulator startServer() {
		this.server.start();
		stubTokenEndpoint();
		return this;
	}

	private void stubTokenEndpoint() {
		this.server.stubFor(WireMock.any(WireMock.urlPathEqualTo(TOKEN_PATH))
			.atPriority(1)
			.willReturn(WireMock.aResponse().withTransformers(SimulatedTokenEndpoint.NAME)));
	}

	/**
	 * The base URL, the value for {@code ankor.api-url}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String getBaseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * The token endpoint.
	 * @return the token endpoint URI
	 */
	public URI getTokenUri() {
		return URI.create(getBaseUrl() + TOKEN_PATH);
	}

	/**
	 * The port the simulator listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.server.port();
	}

	/**
	 * The credentials registered with the simulator.
	 * @return the credentials
	 */
	public AnkorTestCredentials getCredentials() {
		return this.credentials;
	}

	/**
	 * The {@code ankor.*} properties that point the starter at this simulator with its
	 * credentials.
	 * @return property names and values
	 */
	public Map<String, Object> getProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ankor.company-uri", this.credentials.getCompanyUri());
		properties.put("ankor.key-id", this.credentials.getKeyId());
		properties.put("ankor.private-key", this.credentials.getPrivateKeyPem());
		properties.put("ankor.public-key", this.credentials.getPublicKeyPem());
		properties.put("ankor.api-url", getBaseUrl());
		return properties;
	}

	/**
	 * Registers another key, as Ankor's key generation dialog would.
	 * @param keyId the key id
	 * @param publicKey the public key
	 * @param companyUri the company the key belongs to
	 */
	public void registerKey(String keyId, PublicKey publicKey, String companyUri) {
		this.keys.put(keyId, new AssertionVerifier.RegisteredKey(publicKey, companyUri));
	}

	/**
	 * Registers another key, given as Ankor's key generation shows it.
	 * @param keyId the key id
	 * @param publicKey the {@code -----BEGIN PUBLIC KEY-----} PEM block, or a
	 * {@code classpath:} or {@code file:} location of it
	 * @param companyUri the company the key belongs to
	 */
	public void registerKey(String keyId, String publicKey, String companyUri) {
		registerKey(keyId, PublicKeys.read(publicKey), companyUri);
	}

	/**
	 * Registers the key of further credentials: another company's, or a new key of a
	 * company already registered (as Ankor's Key generation, Generate, makes one).
	 * @param credentials the credentials whose public key, Key ID and company to register
	 */
	public void registerKey(AnkorTestCredentials credentials) {
		registerKey(credentials.getKeyId(), credentials.getKeyPair().getPublic(), credentials.getCompanyUri());
	}

	/**
	 * Retires a key, as deleting it in Ankor would: assertions signed with it are refused
	 * ({@code invalid_grant}), and the tokens issued for them are revoked (the API answers
	 * 401 to them).
	 * @param keyId the Key ID to retire
	 */
	public void retireKey(String keyId) {
		this.keys.remove(keyId);
		this.tokens.revokeKey(keyId);
	}

	/**
	 * The {@code ankor.accounts.<name>.*} properties of a further account with other
	 * credentials, against this simulator; register their key first.
	 * @param account the account name
	 * @param credentials its credentials
	 * @return property names and values
	 * @see #registerKey(AnkorTestCredentials)
	 */
	public Map<String, Object> getAccountProperties(String account, AnkorTestCredentials credentials) {
		String prefix = "ankor.accounts." + account + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(prefix + "company-uri", credentials.getCompanyUri());
		properties.put(prefix + "key-id", credentials.getKeyId());
		properties.put(prefix + "private-key", credentials.getPrivateKeyPem());
		properties.put(prefix + "public-key", credentials.getPublicKeyPem());
		return properties;
	}

	/**
	 * Stubs an Ankor API response with the WireMock DSL. Calls still need a live token.
	 * @param mapping the stub
	 * @return the stub mapping
	 */
	public StubMapping stubFor(MappingBuilder mapping) {
		return this.server.stubFor(mapping);
	}

	/**
	 * The underlying WireMock server, for verification and anything else WireMock does.
	 * @return the server
	 */
	public WireMockServer getWireMock() {
		return this.server;
	}

	/**
	 * Every token request received since start or the last {@link #reset()}.
	 * @return the token requests, oldest first
	 */
	public List<TokenRequest> getTokenRequests() {
		return List.copyOf(this.tokenEndpoint.requests);
	}

	/**
	 * The last token request received.
	 * @return the last token request, if any
	 */
	public Optional<TokenRequest> getLastTokenRequest() {
		List<TokenRequest> requests = getTokenRequests();
		return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
	}

	/**
	 * Every token issued since start or the last {@link #reset()}.
	 * @return the issued tokens, oldest first
	 */
	public List<IssuedToken> getIssuedTokens() {
		return this.tokens.list();
	}

	/**
	 * Sets the lifetime ({@code expires_in}) of tokens issued from now on.
	 * @param lifetime the lifetime
	 */
	public void setTokenLifetime(Duration lifetime) {
		this.tokenEndpoint.tokenLifetime = lifetime;
	}

	/**
	 * Whether token responses carry {@code expires_in} (default {@code true}).
	 * @param sendExpiresIn whether to send it
	 */
	public void setSendExpiresIn(boolean sendExpiresIn) {
		this.tokenEndpoint.sendExpiresIn = sendExpiresIn;
	}

	/**
	 * Sets how far the simulator's clock is ahead of its base clock (the system clock,
	 * unless {@link Builder#clock(Clock)} set another), to test clock skew either way:
	 * positive runs it ahead, negative behind. It judges assertions by this clock (set
	 * behind, it sees the application's {@code iat} in the future; set ahead by more than
	 * an assertion lives, it sees the assertion expired), expires tokens by it, and dates
	 * its answers by it: the {@code Date} header and
	 * {@link TokenEndpointFault#retryAfterDate(int, Duration)} show it.
	 * @param offset the offset, negative for behind
	 */
	public void setClockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	/**
	 * Revokes every token issued so far: the API answers 401 {@code invalid_token} to
	 * them.
	 */
	public void revokeAll() {
		this.tokens.revokeAll();
	}

	/**
	 * Revokes one token.
	 * @param token the token value
	 */
	public void revoke(String token) {
		this.tokens.revoke(token);
	}

	/**
	 * Delays every answer of the token endpoint.
	 * @param delay the delay, {@link Duration#ZERO} for none
	 */
	public void setTokenEndpointDelay(Duration delay) {
		this.tokenEndpoint.delay = delay;
	}

	/**
	 * Makes the next token requests fail; later ones are served normally again. Faults
	 * queue up in the order given: {@code failTokenEndpoint(2, stallAfterHeaders())} then
	 * {@code failTokenEndpoint(1, status(503))} makes the next two requests stall and the
	 * third get 503. A failed request is recorded in {@link #getTokenRequests()} with the
	 * error {@code fault} (except for {@link TokenEndpointFault#trickle(Duration)}, which
	 * answers as usual, only slowly). Answers held open by a fault end when the simulator
	 * is {@link #reset()} or {@link #close() closed}.
	 * @param times how many requests fail
	 * @param fault how they fail
	 * @see TokenEndpointFault
	 */
	public void failTokenEndpoint(int times, TokenEndpointFault fault) {
		for (int i = 0; i < times; i++) {
			this.tokenEndpoint.faults.add(fault);
		}
	}

	/**
	 * Forgets token requests, issued tokens, faults, delay, clock offset and API stubs,
	 * and ends the answers that faults hold open by closing their connections; keeps the
	 * registered keys and the token lifetime, and registers the simulator's own key again
	 * if a test retired it.
	 */
	public void reset() {
		releaseHeldAnswers();
		registerKey(this.credentials.getKeyId(), this.credentials.getKeyPair().getPublic(),
				this.credentials.getCompanyUri());
		this.server.resetAll();
		stubTokenEndpoint();
		this.tokenEndpoint.reset();
		this.tokens.clear();
		this.clockOffset = Duration.ZERO;
	}

	/**
	 * Forgets the token requests received so far, and nothing else: issued tokens stay
	 * valid.
	 */
	public void clearTokenRequests() {
		this.tokenEndpoint.requests.clear();
	}

	/**
	 * Stops the server, first ending the answers that faults hold open.
	 */
	@Override
	public void close() {
		releaseHeldAnswers();
		this.server.stop();
	}

	private void releaseHeldAnswers() {
		CountDownLatch held = this.heldAnswers;
		this.heldAnswers = new CountDownLatch(1);
		held.countDown();
	}

	Instant now() {
		return this.baseClock.instant().plus(this.clockOffset);
	}

	@Override
	public String toString() {
		return "AnkorSimulator[" + getBaseUrl() + ", " + this.credentials + "]";
	}

	/**
	 * Builds and starts an {@link AnkorSimulator}.
	 */
	public static final class Builder {

		private AnkorTestCredentials credentials;

		private int port;

		private Duration tokenLifetime = Duration.ofHours(1);

		private Duration leeway = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private final Set<String> allowedScopes = new LinkedHashSet<>();

		private Builder() {
		}

		/**
		 * The credentials to register; generated (EC P-256) when not given.
		 * @param credentials the credentials
		 * @return this builder
		 */
		public Builder credentials(AnkorTestCredentials credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * The port; a free one when 0 (the default).
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Lifetime ({@code expires_in}) of issued tokens; one hour by default.
		 * @param tokenLifetime the lifetime
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * How far in the future {@code iat} may be, and how long after {@code exp} an
		 * assertion is still taken; 5 seconds by default.
		 * @param leeway the leeway
		 * @return this builder
		 */
		public Builder leeway(Duration leeway) {
			this.leeway = leeway;
			return this;
		}

		/**
		 * The simulator's clock (by default the system clock).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Restricts the scopes the company may ask for; any scope when none are given.
		 * @param scopes the allowed scopes
		 * @return this builder
		 */
		public Builder allowedScopes(String... scopes) {
			this.allowedScopes.addAll(List.of(scopes));
			return this;
		}

		/**
		 * Starts the simulator.
		 * @return the running simulator
		 */
		public AnkorSimulator start() {
			if (this.credentials == null) {
				this.credentials = AnkorTestCredentials.generate();
			}
			return new AnkorSimulator(this).startServer();
		}

	}

}
