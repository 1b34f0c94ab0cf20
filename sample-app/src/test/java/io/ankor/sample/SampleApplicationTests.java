package io.ankor.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.IssuedToken;
import io.ankor.spring.boot.test.TokenEndpointFault;
import io.ankor.spring.boot.test.TokenRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The website end to end over real HTTP, against the strict Ankor simulator that the
 * default profile starts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AnkorSimulator ankor;

	@Test
	void fleetPageShowsYachtsThatCameThroughTheAuthenticatedClient() throws Exception {
		HttpResponse<String> page = view("/fleet");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Our fleet", "Blue Lagoon", "Serenità", "Ocean Whisper", "€72,000 / week");
		assertThat(page.body().split("class=\"card yacht\"")).hasSize(13);
		List<String> issued = this.ankor.getIssuedTokens().stream().map(IssuedToken::value).toList();
		this.ankor.getWireMock()
			.findAll(getRequestedFor(urlEqualTo("/website/v1/yachts")).withHeader("Authorization", matching("Bearer .+")))
			.forEach((request) -> assertThat(request.getHeader("Authorization").substring(7)).isIn(issued));
		this.ankor.getWireMock().verify(getRequestedFor(urlEqualTo("/website/v1/yachts")));
	}

	@Test
	void yachtPageShowsDetailsAndAvailabilityThroughTheRestClient() throws Exception {
		HttpResponse<String> page = view("/yachts/sirocco");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sirocco", "Gulet, based in Bodrum", "Cabins: 6", "Available", "Booked");
	}

	@Test
	void severalPageViewsNeedOneTokenRequest() throws Exception {
		this.ankor.revokeAll();
		this.ankor.clearTokenRequests();
		for (String path : List.of("/fleet", "/yachts/blue-lagoon", "/fleet", "/yachts/meltemi", "/fleet")) {
			assertThat(view(path).statusCode()).isEqualTo(200);
		}
		List<TokenRequest> requests = this.ankor.getTokenRequests();
		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).isSuccessful()).isTrue();
	}

	@Test
	void ankorApiFailureShowsAFriendlyPage() throws Exception {
		StubMapping failure = this.ankor.stubFor(get("/website/v1/yachts").atPriority(1).willReturn(serverError()));
		try {
			HttpResponse<String> page = view("/fleet");
			assertThat(page.statusCode()).isEqualTo(502);
			assertFriendly(page, "Our fleet is out at sea");
		}
		finally {
			this.ankor.getWireMock().removeStub(failure);
		}
	}

	@Test
	void refusedCredentialsShowAFriendlyPage() throws Exception {
		this.ankor.revokeAll();
		this.ankor.failTokenEndpoint(1, TokenEndpointFault.oauthError(400, "invalid_grant", "Key revoked"));
		HttpResponse<String> page = view("/fleet");
		assertThat(page.statusCode()).isEqualTo(502);
		assertFriendly(page, "Our fleet is out at sea");
		assertThat(view("/fleet").statusCode()).isEqualTo(200);
	}

	@Test
	void unknownYachtShowsNotFound() throws Exception {
		HttpResponse<String> page = view("/yachts/flying-dutchman");
		assertThat(page.statusCode()).isEqualTo(404);
		assertFriendly(page, "Yacht not found");
	}

	private static void assertFriendly(HttpResponse<String> page, String title) {
		assertThat(page.body()).contains(title, "Back to our fleet")
			.doesNotContain("Exception", "at io.", "at org.", "Whitelabel");
	}

	private HttpResponse<String> view(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
