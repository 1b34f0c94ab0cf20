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

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ankor.spring.boot.GrantType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapperImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnkorSettings}.
 */
class AnkorSettingsTests {

	@Test
	void aCopyHasEveryPropertyAndSharesNothingThatAnAccountChanges() {
		AnkorProperties properties = new AnkorProperties();
		properties.setEnabled(false);
		properties.setCompanyUri("https://calendars.ankor.io/company/7");
		properties.setKeyId("kid-7");
		properties.setPrivateKey("file:/run/secrets/ankor.pem");
		properties.setPublicKey("file:/run/secrets/ankor.pub");
		properties.setApiUrl("https://api.ankor.io");
		properties.setTokenUri("https://iam.ankor.io/token");
		properties.setAudience("ankor.test");
		properties.setScopes(new ArrayList<>(List.of("entity:*")));
		properties.setGrantType(GrantType.CLIENT_CREDENTIALS);
		properties.setAssertionLifetime(Duration.ofMinutes(7));
		properties.setRefreshMargin(Duration.ofMinutes(3));
		properties.setVerifyOnStartup(true);
		properties.setReloadOnUpdate(true);
		properties.getAccounts()
			.put("acme", new AnkorAccountProperties(null, null, "kid-acme", "file:/acme.pem", null, null, null, null,
					null, null, null, null, null, null, null, null));
		properties.getHttp().setConnectTimeout(Duration.ofSeconds(1));
		properties.getHttp().setReadTimeout(Duration.ofSeconds(2));
		properties.getHttp().setInitialBackoff(Duration.ofSeconds(3));
		properties.getHttp().setRetryBudget(Duration.ofSeconds(4));
		properties.getHttp().setMaxWait(Duration.ofSeconds(5));
		properties.getHealth().setInitialFetch(true);
		AnkorProperties copy = AnkorSettings.copy(properties);
		assertThat(copy).usingRecursiveComparison().isEqualTo(properties);
		assertThat(copy.getScopes()).isNotSameAs(properties.getScopes());
		assertThat(copy.getAccounts()).isNotSameAs(properties.getAccounts());
		assertThat(copy.getHttp()).isNotSameAs(properties.getHttp());
		assertThat(copy.getHealth()).isNotSameAs(properties.getHealth());
	}

	@Test
	void theCopyTestSetsEveryProperty() {
		// a new property must be copied by AnkorSettings.copy and set in the test above
		assertThat(names(AnkorProperties.class)).containsExactlyInAnyOrder("accounts", "apiUrl",
				"assertionLifetime", "audience", "companyUri", "enabled", "grantType", "health", "http", "keyId",
				"privateKey", "publicKey", "refreshMargin", "reloadOnUpdate", "scopes", "tokenUri", "verifyOnStartup");
		assertThat(names(AnkorHttpProperties.class)).containsExactlyInAnyOrder("connectTimeout", "initialBackoff",
				"maxWait", "readTimeout", "retryBudget");
		assertThat(names(AnkorHealthProperties.class)).containsExactly("initialFetch");
	}

	private static List<String> names(Class<?> type) {
		return Arrays.stream(new BeanWrapperImpl(type).getPropertyDescriptors())
			.map(PropertyDescriptor::getName)
			.filter((name) -> !"class".equals(name))
			.toList();
	}

}
