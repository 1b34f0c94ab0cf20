package io.ankor.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorTestCredentials;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator never shows the private key, even when told to show every value; and the
 * {@code ankor} health component reports the token without showing it, in the local run
 * (profile {@code local}) that shows health details.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=env,configprops,health",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@AutoConfigureAnkorSimulator
@ActiveProfiles("local")
class ActuatorSecretsTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	/** Credentials of a real account in 'ankor.*', which the simulator's connection overrides. */
	private static final AnkorTestCredentials account = AnkorTestCredentials.generate();

	@DynamicPropertySource
	static void accountProperties(DynamicPropertyRegistry registry) {
		registry.add("ankor.company-uri", account::getCompanyUri);
		registry.add("ankor.private-key", account::getPrivateKeyPem);
	}

	@LocalServerPort
	int port;

	@Autowired
	AnkorSimulator ankor;

	@Test
	void envAndConfigpropsNeverShowThePrivateKey() throws Exception {
		String privateKey = account.getPrivateKeyPem();
		String keyLine = privateKey.lines().skip(2).findFirst().orElseThrow();
		String env = get("/actuator/env");
		assertThat(env).contains("ankor.private-key", "******", "ankor.company-uri", account.getCompanyUri());
		assertThat(env).doesNotContain(keyLine).doesNotContain("BEGIN PRIVATE KEY");
		String configprops = get("/actuator/configprops");
		assertThat(configprops).contains("privateKey", "******");
		assertThat(configprops).doesNotContain(keyLine).doesNotContain("BEGIN PRIVATE KEY");
		assertThat(get("/actuator/env/ankor.private-key")).doesNotContain(keyLine);
	}

	@Test
	void healthShowsTheAnkorComponentButNotTheToken() throws Exception {
		assertThat(get("/fleet")).contains("Blue Lagoon");
		String health = get("/actuator/health");
		assertThat(health).contains("\"ankor\"", "expiresInSeconds", "website:read:*");
		assertThat(this.ankor.getIssuedTokens()).isNotEmpty()
			.allSatisfy((token) -> assertThat(health).doesNotContain(token.value()));
	}

	private String get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

}
