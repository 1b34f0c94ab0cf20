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
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Faults of the network and of Ankor, over real sockets: stalled, trickling, reset and
 * never-answered token responses, remembered refusals, clock repair, bad answers and
 * redirects. Time moves through a {@link MutableClock}; a generous preemptive timeout
 * only guards against a hang, it measures nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorTokenFaultTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	static final TokenEndpointStub tokenEndpoint = new TokenEndpointStub();

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(tokenEndpoint).containerThreads(100))
		.build();

	@RegisterExtension
	static WireMockExtension untrusted = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().dynamicHttpsPort())
		.build();

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final MutableClock clock = MutableClock.frozenAt(Instant.now());

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		tokenEndpoint.reset(this.clock);
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withTransformers(TokenEndpointStub.NAME)));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		this.runner = TokenEndpointStub.runner(contextFactory(), ankor.baseUrl(), PRIVATE_KEY, this.clock);
	}

	/**
	 * The kind of application context: a plain one is a non-web application.
	 * @return the context factory
	 */
	Supplier<ConfigurableApplicationContext> contextFactory() {
		return AnnotationConfigApplicationContext::new;
	}

	private static ResponseDefinition tokenBody() {
		return okJson("{\"access_token\":\"late\",\"token_type\":\"Bearer\",\"expires_in\":3600}").build();
	}

	static List<ResponseDefinition> wireFaults() {
		return List.of(
				// headers, then the body stalls
				okJson("{\"access_token\":\"late\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
					.withChunkedDribbleDelay(2, 5_000)
					.build(),
				// the body trickles a few bytes a second
				okJson("{\"access_token\":\"late\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
					.withChunkedDribbleDelay(60, 6_000)
					.build(),
				// accepted, never answered
				okJson("{}").withFixedDelay(5_000).build(),
				// reset mid-body
				aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK).build(),
				aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE).build(),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
	}

	@ParameterizedTest(name = "wire fault {0}")
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void eachWireFaultIsATransientFailureRetriedWithinTheBudget(int fault) {
		tokenEndpoint.thenAnswer(wireFaults().get(fault));
		this.runner.withPropertyValues("ankor.http.read-timeout=1s")
			.run((context) -> assertTimeoutPreemptively(HANG_GUARD, () -> {
				assertThat(context.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
					.isEqualTo("token-1");
				assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token"))))
					.hasSizeGreaterThanOrEqualTo(2);
			}));
	}

	@ParameterizedTest(name = "wire fault {0}")
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void whenEveryAttemptMeetsAWireFaultCallersGetATimeoutOrResetNeverAnUnreadableResponse(int fault) {
		tokenEndpoint.intercept((form) -> wireFaults().get(fault));
		this.runner.withPropertyValues("ankor.http.read-timeout=500ms", "ankor.http.retry-budget=1s").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertTimeoutPreemptively(HANG_GUARD, () -> assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(tokens::getAccessToken)
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("token_endpoint_unreachable");
					assertThat(ex.isTransient()).isTrue();
					assertThat(ex.getMessage()).contains("no whole answer").doesNotContain("unreadable");
				}));
		});
	}

	@Test
	void callersStillWaitingFailAtOnceWhenTheContextCloses() {
		tokenEndpoint.intercept((form) -> okJson("{}").withFixedDelay(20_000).build());
		AtomicReference<CompletableFuture<Throwable>> waiter = new AtomicReference<>();
		this.runner.withPropertyValues("ankor.http.read-timeout=10m", "ankor.http.max-wait=10m").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			waiter.set(CompletableFuture.supplyAsync(() -> {
				try {
					tokens.getAccessToken();
					return null;
				}
				catch (RuntimeException ex) {
					return ex;
				}
			}));
			long deadline = System.nanoTime() + HANG_GUARD.toNanos();
			while (ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token"))).isEmpty()) {
				assertThat(System.nanoTime()).as("the token request never arrived").isLessThan(deadline);
				Thread.sleep(10);
			}
		});
		assertThat(waiter.get()).succeedsWithin(Duration.ofSeconds(30))
			.satisfies((failure) -> assertThat(failure).hasMessageContaining("closed"));
	}

	@Test
	void headersThatTrickleInEndTheAttemptWithinItsBoundAndFreeTheTokenThread() throws Exception {
		try (TricklingTokenEndpoint trickling = new TricklingTokenEndpoint()) {
			// every read of the trickle returns within the read timeout: only a bound on the whole answer ends it
			this.runner
				.withPropertyValues("ankor.token-uri=" + trickling.tokenUri(), "ankor.http.connect-timeout=1s",
						"ankor.http.read-timeout=1s", "ankor.http.retry-budget=0s", "ankor.http.max-wait=30s")
				.run((context) -> assertTimeoutPreemptively(HANG_GUARD, () -> {
					AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
					assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
						.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_endpoint_unreachable"));
					// the remembered failure's pause is over: the token thread is free for the next request
					this.clock.advance(Duration.ofSeconds(1));
					assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-after-trickle");
					assertThat(trickling.requests()).isEqualTo(2);
				}));
		}
	}

	@Test
	void a401KeepsAnkorsErrorCodeAndDescription() {
		tokenEndpoint.thenAnswer(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withHeader("WWW-Authenticate", "Bearer error=\"invalid_client\"")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"iat is in the future\"}")
			.build());
		this.runner.run((context) -> assertThatExceptionOfType(AnkorTokenException.class)
			.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getErrorCode()).isEqualTo("invalid_grant");
				assertThat(ex.getError().getDescription()).isEqualTo("iat is in the future");
			}));
	}

	@Test
	void aBasicChallengeIsNeverAnsweredWithTheApplicationsCredentials() {
		Authenticator previous = Authenticator.getDefault();
		// an application's authenticator, meant for its proxy, that answers whoever asks
		Authenticator.setDefault(new Authenticator() {

			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication("proxy-user", "proxy-secret".toCharArray());
			}

		});
		try {
			tokenEndpoint.intercept((form) -> aResponse().withStatus(401)
				.withHeader("WWW-Authenticate", "Basic realm=\"ankor\"")
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}")
				.build());
			this.runner.run((context) -> {
				assertThatExceptionOfType(AnkorTokenException.class)
					.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
					.satisfies((ex) -> {
						assertThat(ex.getErrorCode()).isEqualTo("invalid_client");
						assertThat(ex.getError().getDescription()).isEqualTo("Unknown client");
					});
				assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).singleElement()
					.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			});
		}
		finally {
			Authenticator.setDefault(previous);
		}
	}

	@Test
	void anApplicationsTrustAllDefaultsForHttpsUrlConnectionDoNotReachTheTokenRequest() throws Exception {
		untrusted.stubFor(post("/iam/oauth/token")
			.willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		SSLSocketFactory defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		HostnameVerifier defaultVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
		// legacy code of the application trusts every certificate and host for HttpsURLConnection
		SSLContext trustAll = SSLContext.getInstance("TLS");
		trustAll.init(null, new TrustManager[] { new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		} }, null);
		HttpsURLConnection.setDefaultSSLSocketFactory(trustAll.getSocketFactory());
		HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
		try {
			this.runner
				.withPropertyValues("ankor.token-uri=https://localhost:" + untrusted.getHttpsPort() + "/iam/oauth/token",
						"ankor.http.retry-budget=0s")
				.run((context) -> assertThatExceptionOfType(AnkorTokenException.class)
					.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_endpoint_unreachable")));
			assertThat(untrusted.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).isEmpty();
		}
		finally {
			HttpsURLConnection.setDefaultSSLSocketFactory(defaultFactory);
			HttpsURLConnection.setDefaultHostnameVerifier(defaultVerifier);
		}
	}

	@Test
	void aCustomizersHeaderWithALineBreakFailsTheRequestWithoutShowingTheValue() {
		AnkorTokenRequestCustomizer apiKey = (account, parameters, headers) -> headers.set("X-Api-Key",
				"secret-from-a-file\n");
		this.runner.withBean(AnkorTokenRequestCustomizer.class, () -> apiKey).run((context) -> {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.withMessageContaining("'X-Api-Key'")
				.withMessageNotContaining("secret-from-a-file");
			assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).isEmpty();
		});
	}

	@Test
	void retryAfterInSecondsHoldsAcrossCalls() {
		assertRetryAfterHolds("30");
	}

	@Test
	void retryAfterAsAnHttpDateHoldsAcrossCalls() {
		assertRetryAfterHolds(DateTimeFormatter.RFC_1123_DATE_TIME
			.format(this.clock.instant().plusSeconds(30).atZone(ZoneOffset.UTC)));
	}

	@Test
	void retryAfterAsAnHttpDateCountsFromTheServersClock() {
		// Ankor's clock is 20 minutes ahead: its date is 30 s after its own now, not 20.5 minutes after ours
		Instant serverNow = this.clock.instant().plus(Duration.ofMinutes(20));
		assertRetryAfterHolds(aResponse().withStatus(503)
			.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atZone(ZoneOffset.UTC)))
			.withHeader("Retry-After",
					DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.plusSeconds(30).atZone(ZoneOffset.UTC))));
	}

	@Test
	void retryAfterHoldsWhenTheErrorPageIsTooLargeToRead() {
		assertRetryAfterHolds(aResponse().withStatus(503)
			.withHeader("Retry-After", "30")
			.withBody("x".repeat(80 * 1024))); // over the 64 KiB the starter reads
	}

	private void assertRetryAfterHolds(String retryAfter) {
		assertRetryAfterHolds(aResponse().withStatus(503).withHeader("Retry-After", retryAfter));
	}

	private void assertRetryAfterHolds(ResponseDefinitionBuilder answer) {
		tokenEndpoint.thenAnswer(answer.build());
		this.runner.withPropertyValues("ankor.http.retry-budget=5s").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
					.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
			}
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			// the pause is Ankor's 30 s (an HTTP date counts in whole seconds), not the 1 s of a plain failure
			assertThat(((AnkorTokenStatusSource) tokens).tokenStatus().nextAttemptAt())
				.isBetween(this.clock.instant().plusSeconds(29), this.clock.instant().plusSeconds(30));
			this.clock.advance(Duration.ofSeconds(28));
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(3));
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-5", "Thu, 01 Jan 1970 00:00:00 GMT", "9223372036854775807", "99999999999" })
	void oddRetryAftersCauseNoTightLoopAndNoArithmeticError(String retryAfter) {
		tokenEndpoint.intercept((form) -> aResponse().withStatus(503).withHeader("Retry-After", retryAfter).build());
		this.runner.withPropertyValues("ankor.http.retry-budget=300ms").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			for (int i = 0; i < 20; i++) {
				assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("server_error"));
			}
			// at most the first request's own retries within its 300 ms budget
			assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).hasSizeBetween(1, 20);
			assertThat(((AnkorTokenStatusSource) tokens).tokenStatus().nextAttemptAt()).isNotNull();
		});
	}

	@Test
	void aPermanentRefusalIsNotResentOnEveryCallAndItsPauseGrows() {
		tokenEndpoint.intercept((form) -> TokenEndpointStub.invalidGrant());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
					.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"));
			}
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(1));
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(1));
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(1));
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
			ankor.verify(3, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void anUnreachableTokenEndpointIsRemembered() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AtomicInteger tokenRequests = new AtomicInteger();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				tokenRequests.incrementAndGet();
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("ankor.token-uri=http://127.0.0.1:" + closedPort + "/iam/oauth/token",
					"ankor.http.retry-budget=300ms")
			.run((context) -> {
				AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
				for (int i = 0; i < 10; i++) {
					assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
						.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("token_endpoint_unreachable"));
				}
				assertThat(tokenRequests).hasValue(1);
				this.clock.advance(Duration.ofSeconds(1));
				assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
				assertThat(tokenRequests).hasValue(2);
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"access_token\":42,\"expires_in\":3600}|access_token that is not",
			"{\"access_token\":\"t\",\"expires_in\":-1}|expires_in '-1'",
			"{\"access_token\":\"t\",\"expires_in\":0}|expires_in '0'",
			"{\"access_token\":\"t\",\"expires_in\":1.5}|expires_in '1.5'",
			"{\"access_token\":\"t\",\"expires_in\":\"soon\"}|expires_in 'soon'",
			"{\"access_token\":\"t\",\"expires_in\":99999999999999999999}|not a positive whole number of seconds within range",
			"[\"t\"]|not a JSON object", "not json|not a JSON object" })
	void badAnswersAreRefusedClearlyWithoutTheToken(String body, String reason) {
		tokenEndpoint.thenAnswer(okJson(body).build());
		this.runner.run((context) -> assertThatExceptionOfType(AnkorTokenException.class)
			.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo("invalid_token_response");
				assertThat(ex.getMessage()).contains(reason);
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "at-bad\\r\\nX-Injected: 1", "two words", "t\\u00e9", "a=b" })
	void anAccessTokenThatCannotBeAHeaderIsRefusedRememberedAndTheNextGoodOneUsed(String badToken) {
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"" + badToken + "\",\"expires_in\":3600}").build());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(AnkorTokenException.class)
					.isThrownBy(() -> restClient.get().uri("/website/yachts").retrieve().toBodilessEntity())
					.satisfies((ex) -> {
						assertThat(ex.getErrorCode()).isEqualTo("invalid_token_response");
						assertThat(ex.getMessage()).contains("b64token").doesNotContain("at-bad", "two", "Injected");
					});
			}
			assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).hasSize(1);
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(restClient.get().uri("/website/yachts").retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
					equalTo("Bearer token-1")));
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
		});
	}

	@Test
	void aNumericStringExpiresInIsAccepted() {
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"t\",\"expires_in\":\"600\"}").build());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("t");
			assertThat(((AnkorTokenStatusSource) tokens).tokenStatus().remaining())
				.isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
		});
	}

	@Test
	void anOversizedAnswerIsRefusedOnEveryPath() {
		String padding = "x".repeat(70 * 1024);
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"t\",\"pad\":\"" + padding + "\"}").build());
		tokenEndpoint.thenAnswer(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"pad\":\"" + padding + "\"}")
			.build());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("over 64 KiB"));
			this.clock.advance(Duration.ofSeconds(1));
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("over 64 KiB"));
		});
	}

	@Test
	void theTokenEndpointsRedirectIsNotFollowed() {
		elsewhere.stubFor(post("/steal").willReturn(okJson("{\"access_token\":\"stolen\"}")));
		tokenEndpoint.thenAnswer(aResponse().withStatus(307).withHeader("Location", elsewhere.baseUrl() + "/steal").build());
		this.runner.run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(307));
			assertThat(elsewhere.findAll(postRequestedFor(urlEqualTo("/steal")))).isEmpty();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ankorRestClient", "ankorWebClient" })
	void aRedirectOfTheApiToAnotherOriginNeverCarriesTheToken(String client) {
		elsewhere.stubFor(get("/landing").willReturn(okJson("[\"elsewhere\"]")));
		ankor.stubFor(get("/website/moved").willReturn(aResponse().withStatus(302)
			.withHeader("Location", elsewhere.baseUrl() + "/landing")));
		this.runner.run((context) -> {
			int status;
			if (client.equals("ankorRestClient")) {
				status = context.getBean(client, RestClient.class)
					.get()
					.uri("/website/moved")
					.exchange((request, response) -> response.getStatusCode().value());
			}
			else {
				status = context.getBean(client, WebClient.class)
					.get()
					.uri("/website/moved")
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
					.block(Duration.ofSeconds(30));
			}
			ankor.verify(1, getRequestedFor(urlEqualTo("/website/moved")).withHeader("Authorization",
					equalTo("Bearer token-1")));
			List<LoggedRequest> landed = elsewhere.findAll(getRequestedFor(urlEqualTo("/landing")));
			if (status == 302) {
				// not followed: the token went nowhere else
				assertThat(landed).isEmpty();
			}
			else {
				// followed: the other origin got the request, never the token
				assertThat(status).isEqualTo(200);
				assertThat(landed).singleElement()
					.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			}
		});
	}

	@Test
	void clockRepairFollowsAnkorBothWaysBackToZeroAndRefusesMoreThanAnHour(CapturedOutput output) {
		AtomicReference<Duration> serverOffset = new AtomicReference<>(Duration.ofMinutes(5));
		tokenEndpoint.intercept((form) -> {
			java.time.Instant serverTime = java.time.Instant.now().plus(serverOffset.get());
			long iat = ((Number) TokenEndpointStub.claims(form.get("assertion")).get("iat")).longValue();
			if (Math.abs(iat - serverTime.getEpochSecond()) <= 30) {
				return null;
			}
			return aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverTime.atZone(ZoneOffset.UTC)))
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"iat out of range\"}")
				.build();
		});
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			// this machine's clock is stepped right (NTP): the correction goes back to zero
			serverOffset.set(Duration.ZERO);
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			// the other way
			serverOffset.set(Duration.ofMinutes(-10));
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-3");
			// beyond an hour: refused, and said so
			serverOffset.set(Duration.ofHours(2));
			tokens.invalidate(tokens.getAccessToken());
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"));
		});
		List<String> warnings = output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
		assertThat(warnings).filteredOn((line) -> line.matches(".*clock is (299|300|301) s ahead of ours.*")).hasSize(1);
		assertThat(warnings).filteredOn((line) -> line.contains("now agrees with ours")).hasSize(1);
		assertThat(warnings).filteredOn((line) -> line.matches(".*clock is (599|600|601) s behind ours.*")).hasSize(1);
		assertThat(warnings).filteredOn((line) -> line.contains("does not correct")).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "400|application/json|{\"error\":\"invalid_scope\"}",
			"403|text/html|<html>Forbidden by proxy</html>", "404|text/html|<html>Not found</html>",
			"200|application/json|not json" })
	void clockRepairIsNeverTakenFromAnAnswerThatCannotBeAboutTime(int status, String type, String body) {
		String skewedDate = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(java.time.Instant.now().plus(Duration.ofMinutes(5)).atZone(ZoneOffset.UTC));
		tokenEndpoint.thenAnswer(aResponse().withStatus(status)
			.withHeader("Content-Type", type)
			.withHeader("Date", skewedDate)
			.withBody(body)
			.build());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken);
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			long iat = ((Number) TokenEndpointStub.claims(AnkorTokenExchangeTests
				.form(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token"))).get(1).getBodyAsString())
				.get("assertion")).get("iat")).longValue();
			assertThat(Math.abs(iat - this.clock.instant().getEpochSecond())).isLessThan(60);
		});
	}

	@Test
	void blockingWorkChainedOnATokenThatNeedsANewTokenNeverDeadlocks() {
		ankor.stubFor(get("/website/yachts").withHeader("Authorization", equalTo("Bearer token-1"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			// cold: the continuation runs when the first token arrives, and its call needs a second one
			CompletableFuture<String> chained = tokens.getAccessTokenAsync()
				.thenApply((token) -> restClient.get().uri("/website/yachts").retrieve().body(String.class));
			assertThat(chained).succeedsWithin(HANG_GUARD).isEqualTo("[]");
			assertThat(tokenEndpoint.issued()).isEqualTo(2);
		});
	}

	@Test
	void aTokenLivingASecondIsUsedWithoutARenewalStorm() {
		tokenEndpoint.expiresIn(1L);
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			// 10 s of the application's time, 20 calls every 50 ms
			for (int step = 0; step < 200; step++) {
				for (int call = 0; call < 20; call++) {
					assertThat(tokens.getAccessToken()).isNotNull();
				}
				this.clock.advance(Duration.ofMillis(50));
			}
			// let the last background renewal end here, not in the next test
			long deadline = System.nanoTime() + HANG_GUARD.toNanos();
			while (((AnkorTokenStatusSource) tokens).tokenStatus().requestInFlight()) {
				assertThat(System.nanoTime()).isLessThan(deadline);
				Thread.sleep(5);
			}
			// a token is sent for half its life and renewed after a quarter of it at the earliest
			assertThat(tokenEndpoint.issued()).isBetween(20, 41);
		});
	}

}
