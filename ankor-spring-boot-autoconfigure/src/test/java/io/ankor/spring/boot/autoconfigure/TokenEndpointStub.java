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

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A token endpoint for WireMock that issues {@code token-1}, {@code token-2}, ... and
 * remembers when (by the test's clock) it issued each. A test may put answers of its own
 * ahead of the normal ones, or intercept every request.
 */
final class TokenEndpointStub implements ResponseDefinitionTransformerV2 {

	static final String NAME = "test-token-endpoint";

	private final AtomicInteger counter = new AtomicInteger();

	private final Map<String, Instant> issuedAt = new ConcurrentHashMap<>();

	private final List<Function<Map<String, String>, ResponseDefinition>> nextAnswers = new CopyOnWriteArrayList<>();

	private volatile MutableClock clock = new MutableClock();

	private volatile Long expiresIn = 3600L;

	private volatile Duration delay = Duration.ZERO;

	private volatile Function<Map<String, String>, ResponseDefinition> interceptor = (form) -> null;

	void reset(MutableClock clock) {
		this.counter.set(0);
		this.issuedAt.clear();
		this.nextAnswers.clear();
		this.clock = clock;
		this.expiresIn = 3600L;
		this.delay = Duration.ZERO;
		this.interceptor = (form) -> null;
	}

	void expiresIn(Long expiresIn) {
		this.expiresIn = expiresIn;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	void thenAnswer(ResponseDefinition answer) {
		this.nextAnswers.add((form) -> answer);
	}

	void intercept(Function<Map<String, String>, ResponseDefinition> interceptor) {
		this.interceptor = interceptor;
	}

	int issued() {
		return this.counter.get();
	}

	Instant issuedAt(String token) {
		return this.issuedAt.get(token);
	}

	/**
	 * The runner of the token lifecycle and fault tests: the required properties, the
	 * starter's and Spring Boot's HTTP client auto-configurations, the test's clock as
	 * {@code ankorClock}, and a short first backoff.
	 */
	static ApplicationContextRunner runner(Supplier<ConfigurableApplicationContext> contextFactory, String apiUrl,
			String privateKey, Clock clock) {
		return AnkorTestProperties
			.withRequiredProperties(new ApplicationContextRunner(contextFactory), apiUrl, privateKey)
			.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
					AnkorClientsAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class))
			.withBean(AnkorAutoConfiguration.CLOCK_BEAN, Clock.class, () -> clock)
			.withPropertyValues("ankor.http.initial-backoff=20ms");
	}

	/** A refusal as Ankor sends it for an unknown key. */
	static ResponseDefinition invalidGrant() {
		return WireMock.aResponse()
			.withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Unknown key\"}")
			.build();
	}

	/** The claims of an assertion, read without checking its signature. */
	static Map<String, Object> claims(String assertion) {
		try {
			return JSONObjectUtils.parse(new String(Base64.getUrlDecoder().decode(assertion.split("\\.")[1]),
					StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Map<String, String> form = AnkorTokenExchangeTests.form(serveEvent.getRequest().getBodyAsString());
		if (!this.nextAnswers.isEmpty()) {
			return this.nextAnswers.remove(0).apply(form);
		}
		ResponseDefinition intercepted = this.interceptor.apply(form);
		if (intercepted != null) {
			return intercepted;
		}
		String token = "token-" + this.counter.incrementAndGet();
		this.issuedAt.put(token, this.clock.instant());
		String expires = (this.expiresIn != null) ? ",\"expires_in\":" + this.expiresIn : "";
		return WireMock.okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"" + expires + "}")
			.withFixedDelay((int) this.delay.toMillis())
			.build();
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

}
