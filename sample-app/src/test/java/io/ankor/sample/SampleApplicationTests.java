package io.ankor.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import io.ankor.spring.boot.test.IssuedToken;
import io.ankor.spring.boot.test.TokenEndpointFault;
import io.ankor.spring.boot.test.TokenRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The website end to end over real HTTP, against the strict Ankor simulator, which serves
 * the demo fleet.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureAnkorSimulator
class SampleApplicationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	AnkorAccessTokenProvider tokens;

	@BeforeEach
	void markTheSimulator() {
		// the context, and its simulator, is cached across tests: count only the API
		// requests and token requests of this test; the demo fleet's stubs stay
		this.ankor.getWireMock().resetRequests();
		this.ankor.clearTokenRequests();
	}

	@Test
	void fleetPageShowsYachtsThatCameThroughTheAuthenticatedClient() throws Exception {
		// whatever token earlier tests left the application is void: this page needs a new one
		this.ankor.revokeAll();
		HttpResponse<String> page = view("/fleet");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Our fleet", "Blue Lagoon", "Serenità", "Ocean Whisper", "€72,000 / week");
		assertThat(page.body().split("class=\"card yacht\"")).hasSize(13);
		String token = tokenIssuedInThisTest();
		assertThat(this.ankor.getIssuedTokens()).filteredOn((issued) -> !issued.revoked())
			.extracting(IssuedToken::value)
			.containsExactly(token);
		assertThat(servedApiRequests()).singleElement().satisfies((event) -> {
			assertThat(event.getRequest().getUrl()).isEqualTo("/website/v1/yachts");
			assertThat(event.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + token);
		});
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
		for (String path : List.of("/fleet", "/yachts/blue-lagoon", "/fleet", "/yachts/meltemi", "/fleet")) {
			assertThat(view(path).statusCode()).isEqualTo(200);
		}
		String token = tokenIssuedInThisTest();
		assertThat(servedApiRequests()).hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy((event) -> assertThat(event.getRequest().getHeader("Authorization"))
				.isEqualTo("Bearer " + token));
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
		// the refusal is remembered: the next visitor gets the friendly page at once, Ankor sees no request
		assertThat(view("/fleet").statusCode()).isEqualTo(502);
		assertThat(this.ankor.getTokenRequests()).extracting(TokenRequest::status).containsExactly(400);
		// once the pause is over (here: forgotten at once), the site recovers by itself
		this.tokens.reset();
		assertThat(view("/fleet").statusCode()).isEqualTo(200);
		assertThat(this.ankor.getTokenRequests()).extracting(TokenRequest::status).containsExactly(400, 200);
	}

	@Test
	void theSiteHasAFaviconAndItsBackLinkItsStyle() throws Exception {
		HttpResponse<byte[]> favicon = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/favicon.ico")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(favicon.statusCode()).isEqualTo(200);
		// an ICO file: reserved 0, type 1 (icon)
		assertThat(favicon.body()).startsWith(0, 0, 1, 0);
		assertThat(view("/yachts/sirocco").body()).contains("<a class=\"back\" href=\"/fleet\">← Our fleet</a>",
				"rel=\"icon\"");
		assertThat(view("/site.css").body()).contains("a.back {");
	}

	@Test
	void unknownYachtShowsNotFound() throws Exception {
		HttpResponse<String> page = view("/yachts/flying-dutchman");
		assertThat(page.statusCode()).isEqualTo(404);
		assertFriendly(page, "Yacht not found");
	}

	/**
	 * The one token the simulator issued since {@link #markTheSimulator()}.
	 * @return the token's value
	 */
	private String tokenIssuedInThisTest() {
		List<TokenRequest> requests = this.ankor.getTokenRequests();
		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).isSuccessful()).isTrue();
		return requests.get(0).issuedToken();
	}

	/**
	 * The requests to Ankor's API since {@link #markTheSimulator()} that the simulator let
	 * through, not the token requests nor those it refused for want of a live token.
	 * @return the requests
	 */
	private List<ServeEvent> servedApiRequests() {
		return this.ankor.getWireMock()
			.getAllServeEvents()
			.stream()
			.filter((event) -> !event.getRequest().getUrl().startsWith(AnkorSimulator.TOKEN_PATH))
			.filter((event) -> event.getResponse().getStatus() != 401)
			.toList();
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
