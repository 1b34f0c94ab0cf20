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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.autoconfigure.AnkorAccountsAutoConfiguration;
import io.ankor.spring.boot.autoconfigure.AnkorAutoConfiguration;
import io.ankor.spring.boot.autoconfigure.AnkorClientsAutoConfiguration;
import io.ankor.spring.boot.autoconfigure.AnkorTokenAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several companies and a key rotation against the simulator, as the README describes
 * them: a second company's account, then a new key generated in Ankor, written to disk,
 * picked up without a restart, and the old key retired.
 */
@ExtendWith(AnkorSimulatorExtension.class)
class AnkorAccountsAndRotationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
				AnkorClientsAutoConfiguration.class, AnkorAccountsAutoConfiguration.class,
				RestClientAutoConfiguration.class));

	@BeforeEach
	void stubYachts(AnkorSimulator ankor) {
		ankor.stubFor(get("/website/v1/yachts").willReturn(okJson("[{\"name\":\"Blue Lagoon\"}]")));
	}

	@Test
	void twoCompaniesEachGetTheirOwnToken(AnkorSimulator ankor) {
		AnkorTestCredentials agencyClient = AnkorTestCredentials.generate();
		ankor.registerKey(agencyClient);
		Map<String, Object> properties = new LinkedHashMap<>(ankor.getProperties());
		properties.putAll(ankor.getAccountProperties("blue-charters", agencyClient));
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("ankor", properties))).run((context) -> {
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				for (String name : accounts.getNames()) {
					assertThat(accounts.getRestClient(name).get().uri("/website/v1/yachts").retrieve().body(String.class))
						.contains("Blue Lagoon");
				}
				assertThat(ankor.getIssuedTokens()).extracting(IssuedToken::companyUri)
					.containsExactlyInAnyOrder(ankor.getCredentials().getCompanyUri(), agencyClient.getCompanyUri());
			});
	}

	@Test
	void aKeyGeneratedInAnkorAndWrittenToDiskIsUsedWithoutARestart(AnkorSimulator ankor, @TempDir Path secrets)
			throws Exception {
		AnkorTestCredentials current = ankor.getCredentials();
		Path keyId = Files.writeString(secrets.resolve("key-id"), current.getKeyId());
		Path privateKey = Files.writeString(secrets.resolve("private-key.pem"), current.getPrivateKeyPem());
		Map<String, Object> properties = new LinkedHashMap<>(ankor.getProperties());
		properties.remove("ankor.public-key");
		properties.put("ankor.key-id", "file:" + keyId);
		properties.put("ankor.private-key", "file:" + privateKey);
		properties.put("ankor.reload-on-update", "true");
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("ankor", properties))).run((context) -> {
				RestClient client = context.getBean("ankorRestClient", RestClient.class);
				assertThat(client.get().uri("/website/v1/yachts").retrieve().body(String.class)).contains("Blue Lagoon");
				// Settings > Key generation > Generate, then the new key and its id are deployed
				AnkorTestCredentials next = current.withNewKey();
				ankor.registerKey(next);
				Files.writeString(privateKey, next.getPrivateKeyPem());
				Files.writeString(keyId, next.getKeyId());
				AnkorAccessTokenProvider tokens = context.getBean(AnkorAccessTokenProvider.class);
				// the application hands out the token Ankor issued for the new key
				await().atMost(Duration.ofSeconds(20))
					.until(() -> ankor.getTokenRequests()
						.stream()
						.filter((request) -> next.getKeyId().equals(request.header().get("kid")))
						.anyMatch((request) -> tokens.getAccessToken().getTokenValue().equals(request.issuedToken())));
				// the old key is deleted in Ankor: its tokens stop working, the application does not
				ankor.retireKey(current.getKeyId());
				assertThat(client.get().uri("/website/v1/yachts").retrieve().body(String.class)).contains("Blue Lagoon");
				assertThat(ankor.getTokenRequests()).noneMatch((request) -> request.status() != 200);
			});
	}

}
