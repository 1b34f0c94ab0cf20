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

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AnkorSimulatorEnvironmentPostProcessor}.
 */
class AnkorSimulatorEnvironmentPostProcessorTests {

	@Test
	void startsASimulatorAndPointsTheStarterAtIt() {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		AnkorSimulator simulator;
		try (ConfigurableApplicationContext context = application.run("--ankor.simulator.enabled=true",
				"--ankor.api-url=https://api.ankor.io", "--spring.main.banner-mode=off")) {
			simulator = context.getBean(AnkorSimulator.class);
			assertThat(context.getEnvironment().getProperty("ankor.api-url")).isEqualTo(simulator.getBaseUrl());
			simulator.stubFor(get("/website/yachts").willReturn(okJson("[]")));
			RestClient client = context.getBean("ankorRestClient", RestClient.class);
			assertThat(client.get().uri("/website/yachts").retrieve().body(String.class)).isEqualTo("[]");
			assertThat(simulator.getIssuedTokens()).hasSize(1);
			simulator.getWireMock()
				.verify(1, getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
						equalTo("Bearer " + simulator.getIssuedTokens().get(0).value())));
		}
		assertThat(simulator.getWireMock().isRunning()).isFalse();
	}

	@Test
	void doesNothingUnlessEnabled() {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application.run("--spring.main.banner-mode=off"))
			.withStackTraceContaining("ankor.company-uri");
	}

	@SpringBootApplication
	static class Application {

	}

}
