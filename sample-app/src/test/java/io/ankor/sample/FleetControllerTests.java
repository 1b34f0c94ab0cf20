package io.ankor.sample;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureAnkorSimulator
class FleetControllerTests {

	@Autowired
	AnkorSimulator ankor;

	MockMvc mvc;

	@BeforeEach
	void setUp(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context).build();
		// what Ankor's API answers, for this test
		this.ankor.stubFor(get("/website/v1/yachts").willReturn(okJson("""
				[{"id": "zephyr", "name": "Zephyr", "type": "Sailing yacht", "lengthMeters": 14.2, "cabins": 4,
				  "guests": 8, "homePort": "Split, Croatia", "weeklyPriceEur": 5100}]""")));
	}

	@Test
	void theFleetPageShowsTheYachtsAnkorAnswers() throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.get("/fleet"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Zephyr")));
	}

}
