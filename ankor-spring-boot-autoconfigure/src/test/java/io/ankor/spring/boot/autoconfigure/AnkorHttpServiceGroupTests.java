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


import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP interface clients of the group "ankor" call Ankor with base URL and token; other
 * groups do not get the token.
 */
class AnkorHttpServiceGroupTests {

	@RegisterExtension
	static WireMockExtension ankor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.ec("secp256r1"));

	private final ApplicationContextRunner runner = AnkorTestProperties
		.withRequiredProperties(new ApplicationContextRunner(), ankor.baseUrl(), PRIVATE_KEY)
		.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
				AnkorClientsAutoConfiguration.class, RestClientAutoConfiguration.class,
				WebClientAutoConfiguration.class,
				org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration.class,
				org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration.class,
				org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration.class))
		;

	@BeforeEach
	void stubAnkor() {
		ankor.stubFor(post("/iam/oauth/token")
			.willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		ankor.stubFor(get("/website/yachts/7").willReturn(okJson("{\"name\":\"Blue Lagoon\"}")));
	}

	@Test
	void restClientBackedGroupCallsAnkorWithTheToken() {
		this.runner.withUserConfiguration(RestClientServices.class).run((context) -> {
			assertThat(context.getBean(YachtApi.class).yacht("7")).contains("Blue Lagoon");
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					equalTo("Bearer t-1")));
		});
	}

	@Test
	void webClientBackedGroupCallsAnkorWithTheToken() {
		this.runner.withUserConfiguration(WebClientServices.class).run((context) -> {
			assertThat(context.getBean(ReactiveYachtApi.class).yacht("7").block()).contains("Blue Lagoon");
			ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
					equalTo("Bearer t-1")));
		});
	}

	@Test
	void otherGroupsDoNotGetTheToken() {
		this.runner.withUserConfiguration(OtherServices.class)
			.withPropertyValues("spring.http.serviceclient.partner.base-url=" + ankor.baseUrl())
			.run((context) -> {
				context.getBean(YachtApi.class).yacht("7");
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization", absent()));
			});
	}

	interface YachtApi {

		@GetExchange("/website/yachts/{id}")
		String yacht(@PathVariable String id);

	}

	interface ReactiveYachtApi {

		@GetExchange("/website/yachts/{id}")
		Mono<String> yacht(@PathVariable String id);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "ankor", types = YachtApi.class)
	static class RestClientServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "ankor", types = ReactiveYachtApi.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "partner", types = YachtApi.class)
	static class OtherServices {

	}

}
