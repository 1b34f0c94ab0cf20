package com.example.agency;

import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorTestCredentials;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureAnkorSimulator
class BackOfficeTests {

	// a throwaway key for the further account; the simulator's own stands in for the default account's
	static final AnkorTestCredentials backOfficeKey = AnkorTestCredentials.generate();

	@DynamicPropertySource
	static void backOfficeAccount(DynamicPropertyRegistry registry) {
		registry.add("ankor.accounts.back-office.key-id", backOfficeKey::getKeyId);
		registry.add("ankor.accounts.back-office.private-key", backOfficeKey::getPrivateKeyPem);
		registry.add("ankor.accounts.back-office.scopes", () -> "entity:*");
	}

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	BackOffice backOffice;

	@Autowired
	CompanyApi companies;

	@BeforeEach
	void registerTheAccountsKey() {
		// as Ankor's key generation would, under the Company URL the account inherits: the simulator's
		this.ankor.registerKey(backOfficeKey.getKeyId(), backOfficeKey.getPublicKeyPem(),
				this.ankor.getCredentials().getCompanyUri());
		this.ankor.stubFor(get("/entity/v1/companies").willReturn(okJson("[{\"name\":\"Blue Charters\"}]")));
	}

	@Test
	void callsAnkorWithTheBackOfficesKey() {
		assertThat(this.backOffice.companies()).contains("Blue Charters");
		assertThat(this.companies.companies()).contains("Blue Charters");
		assertThat(this.ankor.getTokenRequests()).allSatisfy((request) -> {
			assertThat(request.header()).containsEntry("kid", backOfficeKey.getKeyId());
			assertThat(request.isSuccessful()).isTrue();
		});
	}

	@SpringBootApplication
	static class AgencyApplication {

	}

}
