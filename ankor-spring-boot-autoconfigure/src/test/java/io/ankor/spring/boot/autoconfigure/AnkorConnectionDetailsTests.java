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

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ankor.spring.boot.AnkorConfigurationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link AnkorConnectionDetails} (a test's or a local run's) takes
 * the place of the connection properties; every other setting still comes from
 * {@code ankor.*}.
 */
class AnkorConnectionDetailsTests {

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
				AnkorClientsAutoConfiguration.class, AnkorAccountsAutoConfiguration.class,
				RestClientAutoConfiguration.class));

	@BeforeEach
	void stubAnkor() {
		ankor.stubFor(post("/iam/oauth/token")
			.willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
	}

	@Test
	void connectionDetailsReplaceTheConnectionProperties() {
		this.runner.withBean(AnkorConnectionDetails.class, Details::new)
			.withPropertyValues("ankor.company-uri=https://calendars.ankor.io/company/elsewhere",
					"ankor.api-url=https://api.ankor.io", "ankor.scopes=entity:*")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PropertiesAnkorConnectionDetails.class);
				RestClient client = context.getBean("ankorRestClient", RestClient.class);
				client.get().uri("/website/yachts").retrieve().toBodilessEntity();
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")).withHeader("Authorization",
						equalTo("Bearer t-1")));
				ankor.verify(postRequestedFor(urlEqualTo("/iam/oauth/token")));
				String assertion = AnkorTokenExchangeTests
					.form(ankor.getAllServeEvents().stream()
						.filter((event) -> event.getRequest().getUrl().equals("/iam/oauth/token"))
						.findFirst()
						.orElseThrow()
						.getRequest()
						.getBodyAsString())
					.get("assertion");
				assertThat(TokenEndpointStub.claims(assertion)).containsEntry("iss", AnkorTestProperties.COMPANY_URI)
					.containsEntry("scopes", List.of("entity:*"));
			});
	}

	@Test
	void furtherAccountsInheritTheConnectionsUrls() {
		String otherKey = TestKeys.pkcs8(TestKeys.ec("secp256r1"));
		this.runner.withBean(AnkorConnectionDetails.class, Details::new)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new org.springframework.core.env.MapPropertySource("backOffice",
						Map.of("ankor.accounts.back-office.key-id", "kid-back-office",
								"ankor.accounts.back-office.private-key", otherKey))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(io.ankor.spring.boot.AnkorAccounts.class)
					.getRestClient("back-office")
					.get()
					.uri("/website/yachts")
					.retrieve()
					.toBodilessEntity();
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts")));
			});
	}

	@Test
	void otherSettingsAreStillCheckedAtStartup() {
		this.runner.withBean(AnkorConnectionDetails.class, Details::new)
			.withPropertyValues("ankor.assertion-lifetime=2h")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(AnkorConfigurationException.class)
					.hasMessageContaining("ankor.assertion-lifetime");
			});
	}

	@Test
	void withoutConnectionDetailsThePropertiesAreTheConnection() {
		AnkorTestProperties.withRequiredProperties(this.runner, ankor.baseUrl(), PRIVATE_KEY)
			.run((context) -> assertThat(context).hasSingleBean(PropertiesAnkorConnectionDetails.class));
	}

	static final class Details implements AnkorConnectionDetails {

		@Override
		public String getCompanyUri() {
			return AnkorTestProperties.COMPANY_URI;
		}

		@Override
		public String getKeyId() {
			return "kid-details";
		}

		@Override
		public String getPrivateKey() {
			return PRIVATE_KEY;
		}

		@Override
		public String getApiUrl() {
			return ankor.baseUrl();
		}

	}

}
