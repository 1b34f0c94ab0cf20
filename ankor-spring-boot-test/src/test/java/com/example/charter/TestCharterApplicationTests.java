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
package com.example.charter;

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.autoconfigure.AnkorConnectionDetails;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorSimulatorConfiguration;
import io.ankor.spring.boot.test.AnkorTestCredentials;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's local-development example, as it stands there: the application's own main
 * method with {@link AnkorSimulatorConfiguration} added runs against a local simulator,
 * whatever its {@code ankor.*} properties say, and a component of the test sources stubs
 * Ankor's API on it.
 */
class TestCharterApplicationTests {

	@Test
	void theLauncherRunsTheApplicationAgainstALocalSimulatorWithItsStubs() {
		SpringApplication.Running running = SpringApplication.from(CharterApplication::main)
			.with(AnkorSimulatorConfiguration.class)
			.run("--spring.main.web-application-type=none", "--ankor.company-uri=https://calendars.ankor.io/company/9",
					"--ankor.api-url=https://api.ankor.io");
		AnkorSimulator ankor;
		try (ConfigurableApplicationContext context = running.getApplicationContext()) {
			ankor = context.getBean(AnkorSimulator.class);
			assertThat(context.getBean(AnkorConnectionDetails.class).getApiUrl()).isEqualTo(ankor.getBaseUrl());
			RestClient client = context.getBean("ankorRestClient", RestClient.class);
			assertThat(client.get().uri("/website/v1/yachts").retrieve().body(String.class)).contains("Sirocco");
			assertThat(ankor.getIssuedTokens()).singleElement()
				.satisfies((token) -> assertThat(token.companyUri()).isEqualTo(ankor.getCredentials().getCompanyUri()));
		}
		assertThat(ankor.getWireMock().isRunning()).isFalse();
	}

	@Test
	void aFurtherAccountWithItsOwnCompanyAndPublicKeyWorksLocally() {
		AnkorTestCredentials blue = AnkorTestCredentials.of("https://calendars.ankor.io/company/456", "kid-blue",
				AnkorTestCredentials.generate().getKeyPair());
		SpringApplication.Running running = SpringApplication.from(CharterApplication::main)
			.with(AnkorSimulatorConfiguration.class)
			.run("--spring.main.web-application-type=none", "--ankor.accounts.blue-charters.company-uri="
					+ blue.getCompanyUri(), "--ankor.accounts.blue-charters.key-id=" + blue.getKeyId(),
					"--ankor.accounts.blue-charters.private-key=" + blue.getPrivateKeyPem(),
					"--ankor.accounts.blue-charters.public-key=" + blue.getPublicKeyPem());
		try (ConfigurableApplicationContext context = running.getApplicationContext()) {
			AnkorSimulator ankor = context.getBean(AnkorSimulator.class);
			RestClient client = context.getBean(AnkorAccounts.class).getRestClient("blue-charters");
			assertThat(client.get().uri("/website/v1/yachts").retrieve().body(String.class)).contains("Sirocco");
			assertThat(ankor.getIssuedTokens()).singleElement()
				.satisfies((token) -> assertThat(token.companyUri()).isEqualTo(blue.getCompanyUri()));
		}
	}

}
