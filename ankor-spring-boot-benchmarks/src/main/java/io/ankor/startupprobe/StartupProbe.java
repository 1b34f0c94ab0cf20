/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.ankor.startupprobe;

import java.util.LinkedHashMap;
import java.util.Map;

import io.ankor.spring.boot.autoconfigure.AnkorProperties;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A small non-web application that starts and exits, for measuring startup as a whole
 * process: {@code starter} with the Ankor starter configured, {@code baseline} with
 * {@code ankor.enabled=false} and the {@code WebClient} and {@code RestClient} beans any
 * application calling an API has. Run by {@code startup.sh}; the key file is its
 * first argument. It lives outside the benchmarks' package, so that their component scans
 * leave it alone.
 *
 * @author Ankor starter team
 */
@SpringBootApplication
public class StartupProbe {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = application(args[0], args[1]).run()) {
			System.out.println(args[0] + ": " + context.getBeanDefinitionCount() + " beans");
		}
	}

	/**
	 * The application of a mode: {@code starter}, {@code baseline},
	 * {@code starter-own-clients} (the starter, and the application's own clients made
	 * first, so that what any WebClient and RestClient cost is paid before the starter's
	 * beans are made), or {@code floor} (the baseline, plus only the work the starter
	 * must do at startup: binding and validating {@code ankor.*} and reading and checking
	 * the key).
	 * @param mode the mode
	 * @param keyFile the private key's file
	 * @return the application, not yet run
	 */
	static SpringApplication application(String mode, String keyFile) {
		boolean starter = mode.startsWith("starter");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		properties.put("ankor.enabled", starter);
		properties.put("probe.own-clients", !mode.equals("starter"));
		properties.put("probe.floor", mode.equals("floor"));
		properties.put("ankor.company-uri", "https://calendars.ankor.io/company/4711");
		properties.put("ankor.key-id", "kid-1");
		properties.put("ankor.private-key", "file:" + keyFile);
		properties.put("ankor.api-url", "https://api.ankor.io");
		SpringApplication application = new SpringApplication(StartupProbe.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		return application;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("probe.own-clients")
	static class OwnClients {

		@Bean
		WebClient webClient(WebClient.Builder builder) {
			return builder.baseUrl("https://api.ankor.io").build();
		}

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.baseUrl("https://api.ankor.io").build();
		}

	}

	/**
	 * What the starter cannot defer past startup, done as the starter does it, with the
	 * starter switched off: the lower bound of its startup cost.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("probe.floor")
	@EnableConfigurationProperties(AnkorProperties.class)
	static class RequiredWork {

		@Bean
		AnkorCredentials probeCredentials(AnkorProperties properties, ResourceLoader resourceLoader) {
			properties.validate();
			return AnkorKeys.load("ankor", properties.getCompanyUri(), properties.getKeyId(),
					properties.getPrivateKey(), properties.getPublicKey(), resourceLoader);
		}

	}

}
