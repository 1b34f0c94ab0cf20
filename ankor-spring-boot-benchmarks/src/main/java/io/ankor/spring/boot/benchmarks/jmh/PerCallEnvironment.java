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
package io.ankor.spring.boot.benchmarks.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.benchmarks.SpringSecurityReference;
import io.ankor.spring.boot.test.AnkorSimulator;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What every per-call benchmark calls, started once per fork: the Ankor simulator as the
 * token endpoint (tokens live an hour, so nothing is renewed during a run), the
 * {@link YachtsStub} as Ankor's API, one Spring application with the starter pointed at
 * both, and the clients built from that application's builders. Each client makes one
 * call before measuring, so every token is cached and every connection open.
 *
 * @author Ankor starter team
 */
@State(Scope.Benchmark)
public class PerCallEnvironment {

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private AnkorSimulator simulator;

	private YachtsStub api;

	private ConfigurableApplicationContext context;

	/** The starter's {@code ankorWebClient}. */
	WebClient ankorWebClient;

	/** The application's {@code WebClient.Builder} with a fixed {@code Authorization} header. */
	WebClient webClientFixedHeader;

	/** The application's {@code WebClient.Builder} with Spring Security's OAuth2 filter. */
	WebClient springSecurityWebClient;

	/** The starter's {@code ankorRestClient}. */
	RestClient ankorRestClient;

	/** The application's {@code RestClient.Builder} with a fixed {@code Authorization} header. */
	RestClient restClientFixedHeader;

	/** The starter's token provider, with a cached token. */
	AnkorAccessTokenProvider tokens;

	@Setup(Level.Trial)
	public void start() {
		this.simulator = AnkorSimulator.builder().tokenLifetime(TOKEN_LIFETIME).start();
		this.api = YachtsStub.start();
		SpringApplication application = new SpringApplication(PerCallApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new LinkedHashMap<>(this.simulator.getProperties());
		properties.put("ankor.api-url", this.api.getBaseUrl());
		properties.put("ankor.token-uri", this.simulator.getTokenUri().toString());
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		application.setDefaultProperties(properties);
		this.context = application.run();
		this.ankorWebClient = this.context.getBean("ankorWebClient", WebClient.class);
		this.ankorRestClient = this.context.getBean("ankorRestClient", RestClient.class);
		this.tokens = this.context.getBean(AnkorAccessTokenProvider.class);
		this.webClientFixedHeader = this.context.getBean(WebClient.Builder.class)
			.clone()
			.baseUrl(this.api.getBaseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer x")
			.build();
		this.restClientFixedHeader = this.context.getBean(RestClient.Builder.class)
			.clone()
			.baseUrl(this.api.getBaseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer x")
			.build();
		this.springSecurityWebClient = springSecurityWebClient(this.context.getBean(WebClient.Builder.class).clone(),
				this.api.getBaseUrl(), this.simulator);
		warm();
	}

	/** One call through each client: tokens fetched and cached, connections opened. */
	private void warm() {
		check("ankorWebClient", HttpCallBenchmark.get(this.ankorWebClient));
		check("webClientFixedHeader", HttpCallBenchmark.get(this.webClientFixedHeader));
		check("springSecurityWebClient", HttpCallBenchmark.get(this.springSecurityWebClient));
		check("ankorRestClient", HttpCallBenchmark.get(this.ankorRestClient));
		check("restClientFixedHeader", HttpCallBenchmark.get(this.restClientFixedHeader));
		OAuth2AccessToken token = this.tokens.getAccessToken();
		if (token.getExpiresAt() == null
				|| token.getExpiresAt().isBefore(Instant.now().plus(TOKEN_LIFETIME).minus(Duration.ofMinutes(5)))) {
			throw new IllegalStateException("Expected a token that lives about " + TOKEN_LIFETIME + ", got one "
					+ "expiring at " + token.getExpiresAt());
		}
		// the two Ankor clients and Spring Security's each asked once; no renewal is due for an hour
		int requests = this.simulator.getTokenRequests().size();
		if (requests != 2) {
			throw new IllegalStateException("Expected 2 token requests (starter, Spring Security), got " + requests);
		}
	}

	private static void check(String client, String body) {
		if (!"[]".equals(body)) {
			throw new IllegalStateException(client + " answered '" + body + "' instead of '[]'");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		int requests = this.simulator.getTokenRequests().size();
		if (requests != 2) {
			// a renewal during the run would have put a token request into some call's latency
			System.err.println("Token requests during the run: " + (requests - 2) + " (expected none)");
		}
		this.context.close();
		this.api.close();
		this.simulator.close();
	}

	/**
	 * Spring Security's reference wiring ({@link SpringSecurityReference}) on the
	 * application's {@code WebClient.Builder}.
	 */
	private static WebClient springSecurityWebClient(WebClient.Builder builder, String apiUrl,
			AnkorSimulator simulator) {
		// no renewal happens during a run: tokens live an hour
		return builder.baseUrl(apiUrl)
			.filter(SpringSecurityReference.filter(simulator, Duration.ofSeconds(60)))
			.build();
	}

	/**
	 * Auto-configuration alone, without component scanning: no other benchmark's
	 * configuration is picked up, and no other benchmark's scan picks up this one.
	 */
	@EnableAutoConfiguration
	static class PerCallApplication {

	}

}
