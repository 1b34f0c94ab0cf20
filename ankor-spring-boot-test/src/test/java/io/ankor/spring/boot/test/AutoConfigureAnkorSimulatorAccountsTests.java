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

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A further account in a test with {@link AutoConfigureAnkorSimulator}: it calls the
 * simulator (whose URLs it inherits) with its own key, and each test starts with its
 * token provider reset, as the default account's is.
 */
@SpringBootTest(classes = AutoConfigureAnkorSimulatorAccountsTests.Application.class)
@AutoConfigureAnkorSimulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureAnkorSimulatorAccountsTests {

	private static final AnkorTestCredentials backOffice = AnkorTestCredentials.generate();

	@DynamicPropertySource
	static void backOfficeAccount(DynamicPropertyRegistry registry) {
		registry.add("ankor.accounts.back-office.company-uri", backOffice::getCompanyUri);
		registry.add("ankor.accounts.back-office.key-id", backOffice::getKeyId);
		registry.add("ankor.accounts.back-office.private-key", backOffice::getPrivateKeyPem);
		registry.add("ankor.accounts.back-office.scopes", () -> "entity:*");
	}

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	AnkorAccounts accounts;

	@BeforeEach
	void registerTheBackOfficeKey() {
		this.ankor.registerKey(backOffice);
		this.ankor.stubFor(get("/entity/v1/companies").willReturn(okJson("[]")));
	}

	@Test
	@Order(1)
	void aRefusedAccountRemembersItsFailure() {
		this.ankor.retireKey(backOffice.getKeyId());
		assertThatExceptionOfType(AnkorTokenException.class)
			.isThrownBy(() -> this.accounts.getTokenProvider("back-office").getAccessToken());
		assertThat(this.ankor.getTokenRequests()).hasSize(1);
	}

	@Test
	@Order(2)
	void theNextTestStartsAfreshAndCallsTheSimulatorWithTheAccountsOwnKey() {
		String companies = this.accounts.getRestClient("back-office")
			.get()
			.uri("/entity/v1/companies")
			.retrieve()
			.body(String.class);
		assertThat(companies).isEqualTo("[]");
		assertThat(this.ankor.getLastTokenRequest()).hasValueSatisfying((request) -> {
			assertThat(request.header()).containsEntry("kid", backOffice.getKeyId());
			assertThat(request.isSuccessful()).isTrue();
		});
	}

	@SpringBootApplication
	static class Application {

	}

}
