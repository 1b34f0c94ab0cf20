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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.AnkorTokenStatusSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

/**
 * The token lifecycle over real HTTP: single flight, refresh ahead, odd expiry data,
 * retries, clock skew, revocation and origin pinning. Time moves through a
 * {@link MutableClock}, never through sleeps.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorTokenLifecycleTests {

	static final TokenEndpointStub tokenEndpoint = new TokenEndpointStub();

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(tokenEndpoint).containerThreads(300))
		.build();

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final MutableClock clock = new MutableClock();

	private ApplicationContextRunner runner;

	@BeforeEach
	void setUp() {
		tokenEndpoint.reset(this.clock);
		ankor.stubFor(post("/iam/oauth/token").willReturn(aResponse().withTransformers(TokenEndpointStub.NAME)));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		elsewhere.stubFor(get("/other").willReturn(okJson("{}")));
		this.runner = TokenEndpointStub.runner(contextFactory(), ankor.baseUrl(), PRIVATE_KEY, this.clock);
	}

	/**
	 * The kind of application context: a plain one is a non-web application.
	 * @return the context factory
	 */
	Supplier<ConfigurableApplicationContext> contextFactory() {
		return AnnotationConfigApplicationContext::new;
	}

	@Test
	void twoHundredConcurrentColdCallersShareOneTokenRequest() {
		tokenEndpoint.delay(Duration.ofMillis(300));
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService threads = Executors.newFixedThreadPool(100);
			try {
				List<Future<OAuth2AccessToken>> blocking = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					blocking.add(threads.submit(() -> {
						start.await();
						return tokens.getAccessToken();
					}));
				}
				Mono<List<OAuth2AccessToken>> reactive = Flux.range(0, 100)
					.flatMap((i) -> tokens.accessToken().subscribeOn(Schedulers.parallel()), 100)
					.collectList();
				start.countDown();
				List<OAuth2AccessToken> reactiveTokens = reactive.block(Duration.ofSeconds(10));
				Set<String> values = ConcurrentHashMap.newKeySet();
				for (Future<OAuth2AccessToken> future : blocking) {
					values.add(future.get(10, TimeUnit.SECONDS).getTokenValue());
				}
				reactiveTokens.forEach((token) -> values.add(token.getTokenValue()));
				assertThat(values).containsExactly("token-1");
				ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			}
			finally {
				threads.shutdownNow();
			}
		});
	}

	@Test
	void blockingForATokenOnANonBlockingThreadIsRefusedWithAHint() {
		tokenEndpoint.delay(Duration.ofMillis(300));
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			Mono<OAuth2AccessToken> blocking = Mono.fromCallable(tokens::getAccessToken)
				.subscribeOn(Schedulers.parallel());
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(blocking::block)
				.withMessageContaining("use accessToken()");
			assertThat(tokens.accessToken().block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("token-1");
			// once a token is cached, the blocking method answers on any thread
			assertThat(blocking.block(Duration.ofSeconds(5)).getTokenValue()).isEqualTo("token-1");
		});
	}

	@Test
	void concurrentCallersShareOneFailure() {
		tokenEndpoint.delay(Duration.ofMillis(200));
		tokenEndpoint.intercept((form) -> TokenEndpointStub.invalidGrant());
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			List<CompletableFuture<OAuth2AccessToken>> futures = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				futures.add(tokens.getAccessTokenAsync());
			}
			for (CompletableFuture<OAuth2AccessToken> future : futures) {
				assertThat(future).failsWithin(Duration.ofSeconds(5))
					.withThrowableOfType(java.util.concurrent.ExecutionException.class)
					.havingCause()
					.isInstanceOf(AnkorTokenException.class);
			}
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void renewsInTheBackgroundBeforeTheMarginAndNeverSendsATokenInsideIt() {
		tokenEndpoint.expiresIn(100L);
		this.runner.withPropertyValues("ankor.refresh-margin=20s").run((context) -> {
			RestClient client = context.getBean("ankorRestClient", RestClient.class);
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			Map<String, Instant> sentAt = new ConcurrentHashMap<>();
			// 40 calls, 5 s apart: 200 s, two full token lifetimes
			for (int i = 0; i < 40; i++) {
				client.get().uri("/website/yachts").retrieve().toBodilessEntity();
				LoggedRequest last = lastApiRequest();
				String token = last.getHeader("Authorization").substring("Bearer ".length());
				Instant issued = tokenEndpoint.issuedAt(token);
				Instant now = this.clock.instant();
				assertThat(now).as("%s sent at %s", token, now).isBefore(issued.plusSeconds(100 - 20));
				sentAt.putIfAbsent(token, now);
				awaitIdle(tokens);
				this.clock.advance(Duration.ofSeconds(5));
			}
			assertThat(tokenEndpoint.issued()).isBetween(3, 4);
			// each renewal happened ahead, in the background: no call ever found no sendable token
			assertThat(sentAt).hasSize(tokenEndpoint.issued());
		});
	}

	@Test
	void aCallDuringASlowRenewalDoesNotWaitForIt() {
		tokenEndpoint.expiresIn(100L);
		this.runner.withPropertyValues("ankor.refresh-margin=20s").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			tokenEndpoint.delay(Duration.ofSeconds(2));
			this.clock.advance(Duration.ofSeconds(77));
			CompletableFuture<OAuth2AccessToken> during = tokens.getAccessTokenAsync();
			assertThat(during).as("answered at once, from the current token").isCompletedWithValueMatching(
					(token) -> token.getTokenValue().equals("token-1"));
			CompletableFuture<OAuth2AccessToken> again = tokens.getAccessTokenAsync();
			assertThat(again).isCompletedWithValueMatching((token) -> token.getTokenValue().equals("token-1"));
			awaitIdle(tokens);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void keepsUsingAValidTokenWhileRenewalFails() {
		tokenEndpoint.expiresIn(100L);
		this.runner.withPropertyValues("ankor.refresh-margin=20s", "ankor.http.retry-budget=0s").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			tokenEndpoint.intercept((form) -> aResponse().withStatus(503).build());
			this.clock.advance(Duration.ofSeconds(77));
			for (int i = 0; i < 20; i++) {
				assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
				awaitIdle(tokens);
			}
			// one failed renewal, then a pause before the next
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			this.clock.advance(Duration.ofSeconds(6));
			tokenEndpoint.intercept((form) -> null);
			tokens.getAccessToken();
			awaitIdle(tokens);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
		});
	}

	@Test
	void retriesA503ThenSucceeds() {
		tokenEndpoint.thenAnswer(aResponse().withStatus(503).build());
		tokenEndpoint.thenAnswer(aResponse().withStatus(502).build());
		this.runner.run((context) -> {
			assertThat(context.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
				.isEqualTo("token-1");
			ankor.verify(3, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void retriesA429AfterItsRetryAfter() {
		tokenEndpoint.thenAnswer(aResponse().withStatus(429).withHeader("Retry-After", "1").build());
		this.runner.run((context) -> {
			long start = System.nanoTime();
			assertThat(context.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
				.isEqualTo("token-1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void retriesAConnectionReset() {
		tokenEndpoint.thenAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
		this.runner.run((context) -> {
			assertThat(context.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
				.isEqualTo("token-1");
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void retriesAnEndpointHungPastTheReadTimeout() {
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"late\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
			.withFixedDelay(1500)
			.build());
		this.runner.withPropertyValues("ankor.http.read-timeout=300ms").run((context) -> {
			assertThat(context.getBean(AnkorAccessTokenProvider.class).getAccessToken().getTokenValue())
				.isEqualTo("token-1");
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void aSubMillisecondInitialBackoffStillBacksOff() {
		tokenEndpoint.intercept((form) -> aResponse().withStatus(503).build());
		this.runner.withPropertyValues("ankor.http.initial-backoff=500us", "ankor.http.retry-budget=500ms")
			.run((context) -> {
				assertThatExceptionOfType(AnkorTokenException.class)
					.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken());
				// backoffs of at least 1, 2, 4, ... ms halved by jitter: about ten attempts; none would be hundreds
				assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).hasSizeLessThan(30);
			});
	}

	@Test
	void givesUpWhenTheRetryBudgetIsSpent() {
		tokenEndpoint.intercept((form) -> aResponse().withStatus(503).build());
		this.runner.withPropertyValues("ankor.http.retry-budget=300ms").run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(503);
					assertThat(ex.getErrorCode()).isEqualTo("server_error");
				});
			assertThat(ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")))).hasSizeBetween(2, 12);
		});
	}

	@Test
	void aPermanentInvalidGrantFailsOnceAndFast() {
		tokenEndpoint.intercept((form) -> TokenEndpointStub.invalidGrant());
		this.runner.run((context) -> {
			assertThatExceptionOfType(AnkorTokenException.class)
				.isThrownBy(() -> context.getBean(AnkorAccessTokenProvider.class).getAccessToken())
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("invalid_grant");
					assertThat(ex.getStatusCode()).isEqualTo(400);
				});
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void withoutExpiresInOneTokenServesManyCalls() {
		tokenEndpoint.expiresIn(null);
		this.runner.run((context) -> {
			RestClient client = context.getBean("ankorRestClient", RestClient.class);
			for (int i = 0; i < 10; i++) {
				client.get().uri("/website/yachts").retrieve().toBodilessEntity();
				this.clock.advance(Duration.ofSeconds(20));
			}
			assertThat(tokenEndpoint.issued()).isEqualTo(1);
			OAuth2AccessToken token = context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt()))
				.isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void withoutExpiresInAJwtTokenLivesUntilItsExp() {
		long exp = Instant.now().plusSeconds(1800).getEpochSecond();
		String jwt = base64("{\"alg\":\"none\"}") + "." + base64("{\"exp\":" + exp + "}") + ".sig";
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\"}").build());
		this.runner.run((context) -> {
			OAuth2AccessToken token = context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			assertThat(token.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
			assertThat(token.getExpiresAt().getEpochSecond()).isBetween(exp - 2, exp + 2);
		});
	}

	@Test
	void capsExpiresInAtAnHourAndAcceptsAMissingTokenType() {
		tokenEndpoint.thenAnswer(okJson("{\"access_token\":\"long\",\"expires_in\":86400}").build());
		this.runner.run((context) -> {
			OAuth2AccessToken token = context.getBean(AnkorAccessTokenProvider.class).getAccessToken();
			assertThat(token.getTokenValue()).isEqualTo("long");
			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(1));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ankorRestClient", "ankorWebClient" })
	void anApi401GetsOneNewTokenAndTheCallSucceeds(String client) {
		ankor.stubFor(get("/website/yachts").withHeader("Authorization", equalTo("Bearer token-1"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
		this.runner.run((context) -> {
			// cold: the replay itself must fetch the new token
			assertThat(getYachts(context, client)).isEqualTo("[]");
			assertThat(tokenEndpoint.issued()).isEqualTo(2);
			ankor.verify(1, getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
					equalTo("Bearer token-1")));
			ankor.verify(1, getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
					equalTo("Bearer token-2")));
			ankor.verify(2, getRequestedFor(urlEqualTo("/website/yachts")));
		});
	}

	private static String getYachts(ConfigurableApplicationContext context, String client) {
		if (client.equals("ankorRestClient")) {
			return context.getBean(client, RestClient.class).get().uri("/website/yachts").retrieve().body(String.class);
		}
		return context.getBean(client, WebClient.class)
			.get()
			.uri("/website/yachts")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30));
	}

	@Test
	void aRepeated401ReachesTheCaller() {
		ankor.stubFor(get("/website/yachts").atPriority(1).willReturn(aResponse().withStatus(401)));
		this.runner.run((context) -> {
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> restClient.get().uri("/website/yachts").retrieve().toBodilessEntity());
			ankor.verify(2, getRequestedFor(urlEqualTo("/website/yachts")));
			WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> webClient.get().uri("/website/yachts").retrieve().toBodilessEntity().block());
			ankor.verify(4, getRequestedFor(urlEqualTo("/website/yachts")));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ankorRestClient", "ankorWebClient" })
	void aReplayedPostCarriesItsBodyAgain(String client) {
		postRejectingTheFirstToken("/website/enquiries");
		this.runner.run((context) -> {
			Map<String, String> enquiry = Map.of("yacht", "sirocco-" + client);
			if (client.equals("ankorRestClient")) {
				context.getBean(client, RestClient.class)
					.post()
					.uri("/website/enquiries")
					.body(enquiry)
					.retrieve()
					.toBodilessEntity();
			}
			else {
				context.getBean(client, WebClient.class)
					.post()
					.uri("/website/enquiries")
					.bodyValue(enquiry)
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(30));
			}
			List<LoggedRequest> sent = ankor.findAll(WireMock.postRequestedFor(urlEqualTo("/website/enquiries")));
			assertThat(sent).hasSize(2);
			assertThat(sent).extracting((request) -> request.getHeader("Authorization"))
				.containsExactly("Bearer token-1", "Bearer token-2");
			assertThat(sent).extracting(LoggedRequest::getBodyAsString)
				.allSatisfy((body) -> assertThat(body).contains("sirocco-" + client));
		});
	}

	@Test
	void aReplayedPostSendsWhatItsStreamedBodyWroteWithoutReadingTheStreamAgain() {
		String enquiry = "{\"yacht\":\"sirocco\",\"guests\":8}";
		// one stream, as an upload or a proxied request has: a second read would find it empty
		InputStream stream = new ByteArrayInputStream(enquiry.getBytes(StandardCharsets.UTF_8));
		List<LoggedRequest> sent = postReplayed("/website/enquiries",
				(post) -> post.contentType(MediaType.APPLICATION_JSON)
					.body(BodyInserters.fromDataBuffers(DataBufferUtils.readInputStream(() -> stream,
							DefaultDataBufferFactory.sharedInstance, 16))));
		assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsExactly(enquiry, enquiry);
		assertThat(sent).extracting((request) -> request.getHeader("Content-Type"))
			.containsOnly(MediaType.APPLICATION_JSON_VALUE);
	}

	@Test
	void aReplayCarriesTheHeadersTheBodysWriterSet() {
		// no Content-Type given: Jackson's writer sets it, with the length
		List<LoggedRequest> sent = postReplayed("/website/enquiries",
				(post) -> post.bodyValue(Map.of("yacht", "sirocco")));
		assertThat(sent).extracting((request) -> request.getHeader("Content-Type"))
			.containsOnly(MediaType.APPLICATION_JSON_VALUE);
		assertThat(sent.get(1).getHeader("Content-Length")).isEqualTo(sent.get(0).getHeader("Content-Length"));
		assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
	}

	@Test
	void aReplayedMultipartBodyKeepsItsBoundary() {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("yacht", "sirocco");
		parts.add("guests", "8");
		List<LoggedRequest> sent = postReplayed("/website/documents",
				(post) -> post.contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts)));
		String contentType = sent.get(0).getHeader("Content-Type");
		assertThat(contentType).contains("boundary=");
		assertThat(sent.get(1).getHeader("Content-Type")).isEqualTo(contentType);
		assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString())
			.contains(contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()))
			.contains("sirocco");
	}

	@Test
	void aFileBodyIsNotReplayedAndTheNextCallHasANewToken(@TempDir Path directory) throws IOException {
		Path contract = Files.writeString(directory.resolve("charter-contract.txt"), "Sirocco, 8 guests, 12-19 July");
		// changed once sent: read again, the replay would send other bytes under the first Content-Length
		List<LoggedRequest> sent = postNotReplayed(new FileSystemResource(contract),
				(response) -> write(contract, "Serenita, 10 guests, 2-9 August, with crew"));
		assertThat(sent).extracting(LoggedRequest::getBodyAsString)
			.containsExactly("Sirocco, 8 guests, 12-19 July", "Serenita, 10 guests, 2-9 August, with crew");
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aReplayedBodyOfOneBufferKeepsItsLength() {
		byte[] enquiry = "{\"yacht\":\"sirocco\"}".getBytes(StandardCharsets.UTF_8);
		// no writer sets the length: the connector does, for a body of one buffer
		List<LoggedRequest> sent = postReplayed("/website/enquiries",
				(post) -> post.contentType(MediaType.APPLICATION_JSON)
					.body(BodyInserters.fromDataBuffers(
							Mono.fromSupplier(() -> DefaultDataBufferFactory.sharedInstance.wrap(enquiry)))));
		assertThat(sent).extracting((request) -> request.getHeader("Content-Length"))
			.containsOnly(String.valueOf(enquiry.length));
	}

	@Test
	void aReplayOfAnEmptyBodySendsNone() {
		List<LoggedRequest> sent = postReplayed("/website/holds", (post) -> post.body(Mono.empty(), String.class));
		assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsOnly("");
	}

	/**
	 * Posts through {@code ankorWebClient} to a path that rejects the first token: the
	 * requests Ankor saw, the first with that token and the replay with the next.
	 */
	private List<LoggedRequest> postReplayed(String path,
			Function<WebClient.RequestBodySpec, WebClient.RequestHeadersSpec<?>> body) {
		postRejectingTheFirstToken(path);
		this.runner.run((context) -> body.apply(context.getBean("ankorWebClient", WebClient.class).post().uri(path))
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(30)));
		List<LoggedRequest> sent = ankor.findAll(WireMock.postRequestedFor(urlEqualTo(path)));
		assertThat(sent).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer token-1", "Bearer token-2");
		return sent;
	}

	@Test
	void aBodyTooBigToKeepIsNotReplayedAndTheNextCallHasANewToken() {
		// one byte over what a client keeps to replay (256 KiB)
		postNotReplayed(new byte[256 * 1024 + 1], (response) -> {
		});
	}

	/**
	 * Posts a body through {@code ankorWebClient} to a path that rejects the first token:
	 * the 401 reaches the caller, and the next post of the body has a new token.
	 * @param body the body
	 * @param onFirstAnswer what happens when the first answer arrives
	 * @return the requests Ankor saw
	 */
	private List<LoggedRequest> postNotReplayed(Object body, Consumer<ClientResponse> onFirstAnswer) {
		postRejectingTheFirstToken("/website/documents");
		this.runner.run((context) -> {
			WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
			WebClient first = webClient.mutate()
				.filter((request, next) -> next.exchange(request).doOnNext(onFirstAnswer))
				.build();
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> first.post()
					.uri("/website/documents")
					.bodyValue(body)
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(30)));
			webClient.post().uri("/website/documents").bodyValue(body).retrieve().toBodilessEntity()
				.block(Duration.ofSeconds(30));
		});
		List<LoggedRequest> sent = ankor.findAll(WireMock.postRequestedFor(urlEqualTo("/website/documents")));
		assertThat(sent).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer token-1", "Bearer token-2");
		return sent;
	}

	@Test
	void a403InsufficientScopeIsReportedNotRetried() {
		ankor.stubFor(get("/entity/agents").willReturn(aResponse().withStatus(403)
			.withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"entity:*\"")));
		this.runner.run((context) -> {
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			assertThatExceptionOfType(HttpClientErrorException.Forbidden.class)
				.isThrownBy(() -> restClient.get().uri("/entity/agents").retrieve().toBodilessEntity())
				.satisfies((ex) -> assertThat(ex.getResponseHeaders().getFirst("WWW-Authenticate"))
					.contains("insufficient_scope"));
			ankor.verify(1, getRequestedFor(urlEqualTo("/entity/agents")));
			assertThat(tokenEndpoint.issued()).isEqualTo(1);
		});
	}

	@Test
	void noAuthorizationHeaderReachesAnotherOrigin() {
		this.runner.run((context) -> {
			RestClient restClient = context.getBean("ankorRestClient", RestClient.class);
			WebClient webClient = context.getBean("ankorWebClient", WebClient.class);
			String other = elsewhere.baseUrl() + "/other";
			restClient.get().uri(other).retrieve().toBodilessEntity();
			restClient.get().uri(other).header("Authorization", "Bearer smuggled").retrieve().toBodilessEntity();
			webClient.get().uri(other).retrieve().toBodilessEntity().block();
			webClient.get().uri(other).header("Authorization", "Bearer smuggled").retrieve().toBodilessEntity().block();
			elsewhere.verify(4, getRequestedFor(urlEqualTo("/other")).withHeader("Authorization", absent()));
			ankor.verify(0, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	@Test
	void correctsClockSkewFromTheServersDate(CapturedOutput output) {
		Instant serverNow = Instant.now().plus(Duration.ofMinutes(5));
		serverFiveMinutesAhead();
		this.runner.run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			List<LoggedRequest> requests = ankor.findAll(postRequestedFor(urlEqualTo("/iam/oauth/token")));
			assertThat(requests).hasSize(2);
			long correctedIat = ((Number) TokenEndpointStub.claims(AnkorTokenExchangeTests.form(requests.get(1).getBodyAsString())
				.get("assertion")).get("iat")).longValue();
			assertThat(correctedIat).isBetween(serverNow.getEpochSecond() - 5, serverNow.getEpochSecond() + 10);
			// later assertions keep the correction, without another refusal
			tokens.invalidate(tokens.getAccessToken());
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-2");
			ankor.verify(3, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			assertThat(output.getAll().lines().filter((line) -> line.contains("WARN") && line.matches(".*clock is (299|300|301) s ahead of ours.*")))
				.hasSize(1);
		});
	}

	@Test
	void withNoRetryBudgetAClockSkewRefusalIsNotRetriedButLaterAssertionsAreCorrected() {
		serverFiveMinutesAhead();
		this.runner.withPropertyValues("ankor.http.retry-budget=0s").run((context) -> {
			AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
			assertThatExceptionOfType(AnkorTokenException.class).isThrownBy(tokens::getAccessToken)
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"));
			ankor.verify(1, postRequestedFor(urlEqualTo("/iam/oauth/token")));
			// the refusal's Date corrected the clock for the next request, after the remembered failure's pause
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(tokens.getAccessToken().getTokenValue()).isEqualTo("token-1");
			ankor.verify(2, postRequestedFor(urlEqualTo("/iam/oauth/token")));
		});
	}

	/**
	 * A token endpoint whose clock is five minutes ahead: it refuses assertions more than
	 * 30 s off its time as {@code invalid_grant}, dated by its clock.
	 */
	private static void serverFiveMinutesAhead() {
		tokenEndpoint.intercept((form) -> {
			long iat = ((Number) TokenEndpointStub.claims(form.get("assertion")).get("iat")).longValue();
			Instant serverTime = Instant.now().plus(Duration.ofMinutes(5));
			if (Math.abs(iat - serverTime.getEpochSecond()) > 30) {
				return aResponse().withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverTime.atZone(ZoneOffset.UTC)))
					.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"iat out of range\"}")
					.build();
			}
			return null;
		});
	}

	/** Ankor's API at a path: 401 for the first token, OK for any other. */
	private static void postRejectingTheFirstToken(String path) {
		ankor.stubFor(WireMock.post(path).withHeader("Authorization", equalTo("Bearer token-1"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));
		ankor.stubFor(WireMock.post(path).willReturn(okJson("{\"ok\":true}")));
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static LoggedRequest lastApiRequest() {
		List<LoggedRequest> requests = ankor.findAll(getRequestedFor(urlEqualTo("/website/yachts")));
		return requests.get(requests.size() - 1);
	}

	/** Waits until no token request is in flight: a background renewal has finished. */
	private static void awaitIdle(AnkorAccessTokenProvider tokens) throws InterruptedException {
		AnkorTokenStatusSource status = (AnkorTokenStatusSource) tokens;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (status.tokenStatus().requestInFlight() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(status.tokenStatus().requestInFlight()).isFalse();
	}

}
