package com.example.fleet;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureAnkorSimulator
class FleetServiceTests {

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	FleetService fleet;

	@BeforeEach
	void stubAnkorsApi() {
		// the simulator serves Ankor's token endpoint; the API paths your code calls, you stub
		this.ankor.stubFor(get("/website/v1/yachts").willReturn(okJson("[{\"id\":\"sirocco\",\"name\":\"Sirocco\"}]")));
	}

	@Test
	void listsTheFleet() {
		assertThat(this.fleet.yachts().block()).contains("Sirocco");
		assertThat(this.ankor.getIssuedTokens()).hasSize(1);
	}

	@SpringBootApplication
	static class FleetApplication {

	}

}
