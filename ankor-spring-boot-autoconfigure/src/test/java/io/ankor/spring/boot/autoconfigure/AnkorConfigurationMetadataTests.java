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

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build produces: IDE help for every {@code ankor.*}
 * property and value hints.
 */
class AnkorConfigurationMetadataTests {

	@Test
	void everyPropertyOfTheContractHasADescription() throws Exception {
		Map<String, Object> metadata = metadata();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		Set<String> names = properties.stream().map((p) -> (String) p.get("name")).collect(Collectors.toSet());
		assertThat(names).contains("ankor.enabled", "ankor.company-uri", "ankor.key-id", "ankor.private-key",
				"ankor.public-key", "ankor.api-url", "ankor.token-uri", "ankor.audience", "ankor.scopes",
				"ankor.grant-type", "ankor.assertion-lifetime", "ankor.refresh-margin", "ankor.http.connect-timeout",
				"ankor.http.read-timeout", "ankor.http.retry-budget", "ankor.verify-on-startup",
				"ankor.health.initial-fetch");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
		assertThat(properties).filteredOn((p) -> p.get("name").equals("ankor.scopes"))
			.singleElement()
			.satisfies((p) -> assertThat(p.get("defaultValue")).isEqualTo(List.of("website:read:*")));
	}

	@Test
	void theUnknownPropertyCheckKnowsEveryPropertyOfAnAccount() throws Exception {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata().get("properties");
		Set<String> names = properties.stream()
			.map((p) -> ((String) p.get("name")).substring("ankor.".length()))
			.filter((name) -> !name.equals("accounts"))
			.collect(Collectors.toSet());
		assertThat(AnkorUnknownProperties.ACCOUNT_PROPERTIES).containsExactlyInAnyOrderElementsOf(names);
	}

	@Test
	void grantTypeAndScopesHaveValueHints() throws Exception {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> hints = (List<Map<String, Object>>) metadata().get("hints");
		Map<String, List<Object>> values = hints.stream()
			.collect(Collectors.toMap((h) -> (String) h.get("name"), (h) -> ((List<?>) h.get("values")).stream()
				.map((v) -> ((Map<?, ?>) v).get("value"))
				.collect(Collectors.toList())));
		assertThat(values.get("ankor.grant-type")).containsExactly("jwt-bearer", "client-credentials");
		assertThat(values.get("ankor.scopes")).contains("website:read:*", "entity:*");
	}

	private static Map<String, Object> metadata() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Object>>() {
			});
		}
	}

}
