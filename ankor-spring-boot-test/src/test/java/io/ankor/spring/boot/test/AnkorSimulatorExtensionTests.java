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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnkorSimulatorExtension}.
 */
@ExtendWith(AnkorSimulatorExtension.class)
class AnkorSimulatorExtensionTests {

	@BeforeEach
	void isInjectedIntoLifecycleMethods(AnkorSimulator simulator) {
		assertThat(simulator).isNotNull();
	}

	@Test
	void injectsARunningSimulator(AnkorSimulator ankor) throws Exception {
		assertThat(ankor.getWireMock().isRunning()).isTrue();
		ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
		HttpResponse<String> anonymous = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ankor.getBaseUrl() + "/website/yachts")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(ankor.getProperties()).containsEntry("ankor.api-url", ankor.getBaseUrl());
	}

	@Test
	void resetsTheSimulatorBeforeEachTest(AnkorSimulator ankor) {
		assertThat(ankor.getTokenRequests()).isEmpty();
		assertThat(ankor.getWireMock().getStubMappings()).hasSize(1);
	}

}
