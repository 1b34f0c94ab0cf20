package com.example.store;

import io.ankor.spring.boot.AnkorClientRegistrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

@Configuration(proxyBeanMethods = false)
public class SharedTokenStore {

	@Bean
	JdbcOAuth2AuthorizedClientService authorizedClientService(JdbcOperations jdbc, AnkorClientRegistrations ankor) {
		return new JdbcOAuth2AuthorizedClientService(jdbc, new InMemoryClientRegistrationRepository(ankor.asList()));
	}

}
