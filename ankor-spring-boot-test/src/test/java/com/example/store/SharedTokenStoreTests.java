package com.example.store;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AutoConfigureAnkorSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's shared token store: Ankor's token is kept in the database, under the
 * registration {@code ankor}.
 */
@SpringBootTest
@AutoConfigureAnkorSimulator
class SharedTokenStoreTests {

	@Autowired
	AnkorSimulator ankor;

	@Autowired
	AnkorAccessTokenProvider tokens;

	@Autowired
	JdbcOperations jdbc;

	@Test
	void ankorsTokenIsKeptInTheDatabase() {
		String token = this.tokens.getAccessToken().getTokenValue();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from oauth2_authorized_client where client_registration_id = 'ankor'",
				Integer.class)).isOne();
		assertThat(this.ankor.getIssuedTokens()).extracting((issued) -> issued.value()).contains(token);
	}

	@SpringBootApplication
	static class StoreApplication {

		@Bean
		JdbcTemplate jdbcTemplate() {
			return new JdbcTemplate(new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("org/springframework/security/oauth2/client/oauth2-client-schema.sql")
				.build());
		}

	}

}
