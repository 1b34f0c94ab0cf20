package com.example.charter;

import io.ankor.spring.boot.test.AnkorSimulator;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

@Component
class LocalAnkorStubs implements InitializingBean {

	private final ObjectProvider<AnkorSimulator> simulator;

	LocalAnkorStubs(ObjectProvider<AnkorSimulator> simulator) {
		this.simulator = simulator;
	}

	@Override
	public void afterPropertiesSet() {
		AnkorSimulator ankor = this.simulator.getIfAvailable();
		if (ankor != null) {
			// the simulator serves Ankor's token endpoint; the API paths your code calls, you stub
			ankor.stubFor(get("/website/v1/yachts").willReturn(okJson("[{\"id\":\"sirocco\",\"name\":\"Sirocco\"}]")));
		}
	}

}
