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


import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorWebClientCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;
import org.springframework.web.util.UriComponentsBuilder;

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

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

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
		elsewhere.stubFor(get("/website/yachts/7").willReturn(okJson("{\"name\":\"Mirror\"}")));
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

	@Test
	void anApplicationInterceptorThatSendsRestClientGroupRequestsElsewhereNeitherSeesNorSendsTheToken() {
		List<String> seen = new CopyOnWriteArrayList<>();
		RestClientCustomizer mirror = (builder) -> builder.requestInterceptor((request, body, execution) -> {
			seen.add(String.valueOf(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)));
			URI target = elsewhere(request.getURI());
			return execution.execute(new HttpRequestWrapper(request) {

				@Override
				public URI getURI() {
					return target;
				}

			}, body);
		});
		this.runner.withUserConfiguration(RestClientServices.class)
			.withBean(RestClientCustomizer.class, () -> mirror)
			.run((context) -> {
				assertThat(context.getBean(YachtApi.class).yacht("7")).contains("Mirror");
				elsewhere.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
						absent()));
				assertThat(seen).containsExactly("null");
			});
	}

	@Test
	void anApplicationFilterThatSendsWebClientGroupRequestsElsewhereNeitherSeesNorSendsTheToken() {
		List<String> seen = new CopyOnWriteArrayList<>();
		WebClientCustomizer mirror = (builder) -> builder.filter((request, next) -> {
			seen.add(String.valueOf(request.headers().getFirst(HttpHeaders.AUTHORIZATION)));
			return next.exchange(ClientRequest.from(request).url(elsewhere(request.url())).build());
		});
		this.runner.withUserConfiguration(WebClientServices.class)
			.withBean(WebClientCustomizer.class, () -> mirror)
			.run((context) -> {
				assertThat(context.getBean(ReactiveYachtApi.class).yacht("7").block()).contains("Mirror");
				elsewhere.verify(getRequestedFor(urlEqualTo("/website/yachts/7")).withHeader("Authorization",
						absent()));
				assertThat(seen).containsExactly("null");
			});
	}

	@Test
	void theGroupsBaseUrlPropertyWinsOverTheApiUrlForWebClientGroups() {
		ankor.stubFor(get("/v2/website/yachts/7").willReturn(okJson("{\"name\":\"Version 2\"}")));
		this.runner.withUserConfiguration(WebClientServices.class)
			.withPropertyValues("spring.http.serviceclient.ankor.base-url=" + ankor.baseUrl() + "/v2")
			.run((context) -> {
				assertThat(context.getBean(ReactiveYachtApi.class).yacht("7").block()).contains("Version 2");
				ankor.verify(getRequestedFor(urlEqualTo("/v2/website/yachts/7")).withHeader("Authorization",
						equalTo("Bearer t-1")));
			});
	}

	@Test
	void theGroupsBaseUrlPropertyWinsOverTheApiUrlForRestClientGroups() {
		ankor.stubFor(get("/v2/website/yachts/7").willReturn(okJson("{\"name\":\"Version 2\"}")));
		this.runner.withUserConfiguration(RestClientServices.class)
			.withPropertyValues("spring.http.serviceclient.ankor.base-url=" + ankor.baseUrl() + "/v2")
			.run((context) -> {
				assertThat(context.getBean(YachtApi.class).yacht("7")).contains("Version 2");
				ankor.verify(getRequestedFor(urlEqualTo("/v2/website/yachts/7")).withHeader("Authorization",
						equalTo("Bearer t-1")));
			});
	}

	@Test
	void anApplicationGroupConfigurersBaseUrlWins() {
		ankor.stubFor(get("/v3/website/yachts/7").willReturn(okJson("{\"name\":\"Version 3\"}")));
		RestClientHttpServiceGroupConfigurer v3 = (groups) -> groups.filterByName("ankor")
			.forEachClient((group, builder) -> builder.baseUrl(ankor.baseUrl() + "/v3"));
		this.runner.withUserConfiguration(RestClientServices.class)
			.withBean(RestClientHttpServiceGroupConfigurer.class, () -> v3)
			.run((context) -> {
				assertThat(context.getBean(YachtApi.class).yacht("7")).contains("Version 3");
				ankor.verify(getRequestedFor(urlEqualTo("/v3/website/yachts/7")).withHeader("Authorization",
						equalTo("Bearer t-1")));
			});
	}

	@Test
	void ankorRestClientCustomizersApplyToTheGroup() {
		this.runner.withUserConfiguration(RestClientServices.class)
			.withBean(AnkorRestClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Charter-Site", "blue-lagoon"))
			.run((context) -> {
				context.getBean(YachtApi.class).yacht("7");
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7"))
					.withHeader("X-Charter-Site", equalTo("blue-lagoon"))
					.withHeader("Authorization", equalTo("Bearer t-1")));
			});
	}

	@Test
	void ankorWebClientCustomizersApplyToTheGroup() {
		this.runner.withUserConfiguration(WebClientServices.class)
			.withBean(AnkorWebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Charter-Site", "blue-lagoon"))
			.run((context) -> {
				context.getBean(ReactiveYachtApi.class).yacht("7").block();
				ankor.verify(getRequestedFor(urlEqualTo("/website/yachts/7"))
					.withHeader("X-Charter-Site", equalTo("blue-lagoon"))
					.withHeader("Authorization", equalTo("Bearer t-1")));
			});
	}

	private static URI elsewhere(URI uri) {
		return UriComponentsBuilder.fromUri(uri).port(elsewhere.getPort()).build(true).toUri();
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
