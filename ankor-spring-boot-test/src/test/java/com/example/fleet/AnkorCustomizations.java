package com.example.fleet;

import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorTokenRequestCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AnkorCustomizations {

	@Bean
	AnkorRestClientCustomizer charterSiteHeader() {
		return (builder) -> builder.defaultHeader("X-Charter-Site", "blue-horizon");
	}

	@Bean
	AnkorTokenRequestCustomizer ankorResource() {
		return (account, parameters, headers) -> parameters.add("resource", "https://api.ankor.io/website");
	}

}
