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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ankor.spring.boot.AnkorAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each wrong or missing property stops a real {@link SpringApplication} with a failure
 * analysis that names the property, says what to do, and holds no key material.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnkorConfigurationFailureTests {

	private static final String PRIVATE_KEY = TestKeys.pkcs8(TestKeys.rsa(2048));

	@Test
	void missingCompanyUri(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.company-uri", ""), "'ankor.company-uri' is missing",
				"Company URL shown in Ankor under Settings > Company Details");
	}

	@Test
	void companyUriThatIsNotAUri(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.company-uri", "my company"), "'ankor.company-uri' is not an absolute URI",
				"Set 'ankor.company-uri'");
	}

	@Test
	void blankKeyId(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.key-id", "  "), "'ankor.key-id' is missing", "Set 'ankor.key-id' to the Key ID");
	}

	@Test
	void keyIdOfTwoWords(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.key-id", "5f0c 7a3e"),
				"'ankor.key-id' is not a Key ID (one word of printable ASCII, at most 256 characters)", "Set 'ankor.key-id' to the Key ID");
	}

	@Test
	void keyIdFileThatHoldsMoreThanAKeyId(CapturedOutput output, @TempDir Path directory) throws IOException {
		Path keyId = directory.resolve("key-id");
		Files.writeString(keyId, "key id: kid-1\n");
		assertFailure(output, Map.of("ankor.key-id", "file:" + keyId),
				"'ankor.key-id' names 'file:" + keyId + "', which does not hold a Key ID",
				"Write only the Key ID shown in Ankor");
	}

	@Test
	void aMistypedKeyOfAnAccountNamesTheMissingPropertyAndWhatWasSet(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.accounts.blue.key-id", "kid-blue", "ankor.accounts.blue.privat-key",
				TestKeys.pkcs8(TestKeys.ec("secp256r1"))),
				"'ankor.accounts.blue.private-key' is missing, and 'ankor.accounts.blue.privat-key', which is not an "
						+ "Ankor property, is set",
				"Rename 'ankor.accounts.blue.privat-key' to 'ankor.accounts.blue.private-key'.");
	}

	@Test
	void aMistypedDefaultAccountKeyNamesTheMissingProperty(CapturedOutput output) {
		Map<String, String> overrides = new LinkedHashMap<>();
		overrides.put("ankor.api-url", "");
		overrides.put("ankor.api-ur", "https://api.ankor.io");
		assertFailure(output, overrides, "'ankor.api-url' is missing, and 'ankor.api-ur'",
				"Rename 'ankor.api-ur' to 'ankor.api-url'.");
	}

	@Test
	void anUnknownKeyIsWarnedAboutWithTheOneLikelyMeant(CapturedOutput output) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ankor.company-uri", "https://calendars.ankor.io/company/1");
		properties.put("ankor.key-id", "kid-1");
		properties.put("ankor.private-key", PRIVATE_KEY);
		properties.put("ankor.api-url", "https://api.ankor.io");
		properties.put("ankor.refresh-margn", "2m");
		properties.put("ankor.http.read-timout", "3s");
		properties.put("ankor.flavour", "vanilla");
		// known: an indexed list, the test module's simulator, a further account's own setting
		properties.put("ankor.scopes[0]", "entity:*");
		properties.put("ankor.simulator.port", "0");
		properties.put("ankor.accounts.blue.http.max-wait", "3s");
		properties.put("ankor.accounts.blue.key-id", "kid-blue");
		properties.put("ankor.accounts.blue.private-key", TestKeys.pkcs8(TestKeys.ec("secp256r1")));
		// relaxed forms of known keys, and a disabled account's mistype
		properties.put("ankor.http.connectTimeout", "3s");
		properties.put("ankor.verify_on_startup", "false");
		properties.put("ankor.accounts.old.enabled", "false");
		properties.put("ankor.accounts.old.privat-key", "stale");
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off")) {
			assertThat(output.getAll()).contains(
					"'ankor.refresh-margn' is not an Ankor property and is ignored; did you mean 'ankor.refresh-margin'?",
					"'ankor.http.read-timout' is not an Ankor property and is ignored; did you mean "
							+ "'ankor.http.read-timeout'?",
					"'ankor.flavour' is not an Ankor property and is ignored")
				.contains("'ankor.accounts.old.privat-key' is not an Ankor property and is ignored; did you mean "
						+ "'ankor.accounts.old.private-key'?")
				.doesNotContain("'ankor.scopes", "'ankor.simulator", "'ankor.accounts.blue", "'ankor.http.connect",
						"'ankor.verify");
		}
	}

	@Test
	void missingPrivateKey(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.private-key", ""), "'ankor.private-key' is missing",
				"Set 'ankor.private-key' to the PEM private key");
	}

	@Test
	void garbledPrivateKey(CapturedOutput output) {
		String garbled = PRIVATE_KEY.substring(0, 300) + "%%%" + PRIVATE_KEY.substring(330);
		assertFailure(output, Map.of("ankor.private-key", garbled),
				"'ankor.private-key' is not a readable PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key",
				"Set 'ankor.private-key' to the private key generated in Ankor");
		AnkorKeysTests.assertNoKeyMaterial(output.getAll(), garbled);
	}

	@Test
	void weakPrivateKey(CapturedOutput output) throws IOException {
		String weak = new ClassPathResource("keys/rsa-1024-pkcs1.pem").getContentAsString(StandardCharsets.UTF_8);
		assertFailure(output, Map.of("ankor.private-key", weak), "RSA key of 1024 bits, too weak",
				"at least 2048 bits");
		AnkorKeysTests.assertNoKeyMaterial(output.getAll(), weak);
	}

	@Test
	void publicKeyThatDoesNotMatch(CapturedOutput output) {
		String other = TestKeys.publicKey(TestKeys.rsa(2048));
		assertFailure(output, Map.of("ankor.public-key", other), "'ankor.public-key' does not match 'ankor.private-key'",
				"Set 'ankor.public-key' to the public key generated with this private key");
		AnkorKeysTests.assertNoKeyMaterial(output.getAll(), other);
	}

	@Test
	void assertionLifetimeOfZero(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.assertion-lifetime", "0s"), "'ankor.assertion-lifetime' is PT0S",
				"between 1s and 1h");
	}

	@Test
	void assertionLifetimeUnderASecond(CapturedOutput output) {
		// a bare number is milliseconds: every assertion would have 'exp' equal to 'iat'
		assertFailure(output, Map.of("ankor.assertion-lifetime", "300"), "'ankor.assertion-lifetime' is PT0.3S",
				"between 1s and 1h");
	}

	@Test
	void assertionLifetimeOverAnHour(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.assertion-lifetime", "61m"), "'ankor.assertion-lifetime' is PT1H1M",
				"between 1s and 1h");
	}

	@Test
	void apiUrlThatIsNotHttp(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.api-url", "ftp://files.ankor.io"),
				"'ankor.api-url' is not an http or https URL", "absolute http(s) URL");
	}

	@Test
	void missingApiUrl(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.api-url", ""), "'ankor.api-url' is missing", "Set 'ankor.api-url'");
	}

	@Test
	void tokenUriThatIsNotHttp(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.token-uri", "iam/oauth/token"),
				"'ankor.token-uri' is not an http or https URL", "Set 'ankor.token-uri'");
	}

	@Test
	void unknownGrantType(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.grant-type", "password"),
				"property 'ankor.grant-type' has an invalid value 'password'",
				"Set 'ankor.grant-type' to 'jwt-bearer' or 'client-credentials'.");
	}

	@Test
	void malformedDuration(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.refresh-margin", "a minute"),
				"property 'ankor.refresh-margin' has an invalid value 'a minute'", "a duration such as");
	}

	@Test
	void emptyScopes(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.scopes", ","), "'ankor.scopes' is empty or holds a blank scope",
				"website:read:*");
	}

	@Test
	void plainHttpApiUrlOnAnotherHost(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.api-url", "http://api.ankor.io"),
				"'ankor.api-url' is 'http://api.ankor.io', which would send assertions and access tokens in cleartext",
				"Set 'ankor.api-url' to an https URL");
	}

	@Test
	void plainHttpTokenUriOnAnotherHost(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.token-uri", "http://10.1.2.3/iam/oauth/token"),
				"'ankor.token-uri' is 'http://10.1.2.3/iam/oauth/token', which would send", "loopback");
	}

	@Test
	void aUrlWithUserInfoIsRefusedWithoutShowingIt(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.api-url", "https://ankor:s3cr3t-pw@api.ankor.io"),
				"'ankor.api-url' is 'https://api.ankor.io' with a user name or password in it",
				"Remove the user information from 'ankor.api-url'");
		assertThat(output.getAll()).doesNotContain("s3cr3t-pw");
	}

	@Test
	void aPasswordWithSlashesOrHashesIsNotShownEither(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.api-url", "https://ankor:s3cr/et?#pw@api.ankor.io"),
				"'ankor.api-url' is not an http or https URL: 'https://api.ankor.io'", "ankor.api-url");
		assertThat(output.getAll()).doesNotContain("s3cr", "et?#pw");
	}

	@Test
	void anAbsurdDurationIsRefused(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.http.initial-backoff", "3650d"),
				"'ankor.http.initial-backoff' is PT87600H: it must be more than 0 and at most 1h",
				"Set 'ankor.http.initial-backoff'");
	}

	@ParameterizedTest
	@CsvSource({ "localhost, true", "LOCALHOST, true", "127.0.0.1, true", "127.255.0.9, true", "[::1], true",
			"128.0.0.1, false", "127.0.0.1.example.com, false", "localhost.example.com, false", "10.0.0.1, false",
			"127.0.0.256, false" })
	void plainHttpIsOnlyForLoopbackAddresses(String host, boolean loopback) {
		assertThat(AnkorPropertiesValidator.isLoopback(host)).isEqualTo(loopback);
	}

	@Test
	void everyMissingPropertyIsReportedInOneFailureWithTheWayToRunWithoutAnAccount(CapturedOutput output) {
		Map<String, String> missing = new LinkedHashMap<>();
		missing.put("ankor.company-uri", "");
		missing.put("ankor.key-id", "");
		missing.put("ankor.private-key", "");
		missing.put("ankor.api-url", "");
		assertFailure(output, missing, "4 properties are wrong",
				"with(AnkorSimulatorConfiguration.class)");
		assertThat(output.getAll()).contains("mvn spring-boot:test-run", "'ankor.company-uri' is missing", "'ankor.key-id' is missing",
				"'ankor.private-key' is missing", "'ankor.api-url' is missing", "@AutoConfigureAnkorSimulator");
	}

	@Test
	void aPublicKeyInThePrivateKeyPropertyIsNamedAsSuch(CapturedOutput output) {
		assertFailure(output, Map.of("ankor.private-key", TestKeys.publicKey(TestKeys.rsa(2048))),
				"'ankor.private-key' is a public key, not the private key", "Set 'ankor.private-key' to the private key");
	}

	@Test
	void aFileLocationIsNamedInTheMessageAboutItsContent(CapturedOutput output, @TempDir Path directory)
			throws IOException {
		Path file = directory.resolve("ankor.pem");
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
		assertFailure(output, Map.of("ankor.private-key", "file:" + file),
				"'ankor.private-key' at 'file:" + file + "' is not a readable", "Set 'ankor.private-key'");
	}

	@Test
	void aNeededAnkorBeanWhileTheStarterIsOffIsExplained(CapturedOutput output) {
		assertStartupFailsWhileOff(NeedsAnkorClient.class, "false");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"needs the Ankor bean 'ankorWebClient', but the Ankor starter is switched off: 'ankor.enabled' is false",
				"Remove 'ankor.enabled=false'");
	}

	@Test
	void aNeededAnkorAccountsBeanWhileTheStarterIsOffWithAValueOtherThanTrueIsExplained(CapturedOutput output) {
		assertStartupFailsWhileOff(NeedsAnkorAccounts.class, "yes");
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
				"needs the Ankor bean of type AnkorAccounts, but the Ankor starter is switched off: "
						+ "'ankor.enabled' is 'yes', which is not 'true'",
				"Remove 'ankor.enabled=yes'");
	}

	/** Starts an application that needs an Ankor bean, with {@code ankor.enabled} set so. */
	private static void assertStartupFailsWhileOff(Class<?> needs, String enabled) {
		SpringApplication application = new SpringApplication(Application.class, needs);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("ankor.enabled", enabled));
		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off"));
	}

	private void assertFailure(CapturedOutput output, Map<String, String> overrides, String description,
			String action) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("ankor.company-uri", "https://calendars.ankor.io/company/1");
		properties.put("ankor.key-id", "kid-1");
		properties.put("ankor.private-key", PRIVATE_KEY);
		properties.put("ankor.api-url", "https://api.ankor.io");
		properties.putAll(overrides);
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		List<String> args = new ArrayList<>();
		args.add("--spring.main.banner-mode=off");
		assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)));
		String report = output.getAll();
		assertThat(report).contains("APPLICATION FAILED TO START", "Description:", description, "Action:", action);
		AnkorKeysTests.assertNoKeyMaterial(report, PRIVATE_KEY);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AnkorAutoConfiguration.class, AnkorTokenAutoConfiguration.class,
			AnkorClientsAutoConfiguration.class })
	static class Application {

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsAnkorAccounts {

		@Bean
		String backOffice(AnkorAccounts accounts) {
			return String.join(",", accounts.getNames());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsAnkorClient {

		@Bean
		String fleet(@Qualifier("ankorWebClient") WebClient ankor) {
			return "fleet";
		}

	}

}
