package io.ankor.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the local run, the sample's health endpoint tells an anonymous caller its status
 * and nothing else: not the {@code ankor} component's scopes, Key ID or credential files.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureAnkorSimulator
class HealthDetailsTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void anAnonymousCallerSeesOnlyTheStatus() throws Exception {
		assertThat(get("/fleet")).contains("Blue Lagoon");
		String health = get("/actuator/health");
		assertThat(health).contains("\"status\":\"UP\"")
			.doesNotContain("ankor", "expiresInSeconds", "scopes", "rejectedCredentials", "components");
	}

	private String get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

}
