package com.example.fleet;

import java.net.URI;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's other examples of this package, run: the HTTP interface of the group
 * {@code ankor}, another HTTP client with the provider's token, and the customizers.
 */
@SpringBootTest(properties = "spring.application.name=fleet-examples")
@AutoConfigureAnkorSimulator
class FleetExamplesTests {

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	YachtApi yachts;

	@Autowired
	PartnerGateway partner;

	@BeforeEach
	void stubAnkorsApi() {
		this.ankor.stubFor(get("/website/v1/yachts/sirocco").willReturn(okJson("{\"name\":\"Sirocco\"}")));
	}

	@Test
	void theHttpInterfaceCallsAnkorWithTheTokenAndTheCustomizersHeader() {
		assertThat(this.yachts.yacht("sirocco")).contains("Sirocco");
		this.ankor.getWireMock()
			.verify(getRequestedFor(urlEqualTo("/website/v1/yachts/sirocco"))
				.withHeader("Authorization", containing("Bearer "))
				.withHeader("X-Charter-Site", equalTo("blue-horizon")));
	}

	@Test
	void anotherHttpClientSendsTheProvidersToken() throws Exception {
		assertThat(this.partner.get(URI.create(this.ankor.getBaseUrl() + "/website/v1/yachts/sirocco")))
			.contains("Sirocco");
	}

	@Test
	void tokenRequestsCarryTheCustomizersParameter() {
		this.yachts.yacht("sirocco");
		this.ankor.getWireMock()
			.verify(postRequestedFor(urlEqualTo("/iam/oauth/token")).withRequestBody(containing("resource=")));
	}

}
