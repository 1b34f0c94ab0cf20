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
package io.ankor.spring.boot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.ankor.spring.boot.autoconfigure.AnkorConnectionDetails;
import io.ankor.spring.boot.autoconfigure.AnkorAccountProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StreamUtils;

/**
 * Runs the application against a local {@link AnkorSimulator}, for local development
 * without an Ankor account: a test-classpath launcher, in the style of Spring Boot's
 * Testcontainers support, adds it to the application's own configuration and
 * {@code mvn spring-boot:test-run} starts it.
 *
 * <pre class="code">
 * // src/test/java/com/example/TestCharterApplication.java
 * public class TestCharterApplication {
 *
 *     public static void main(String[] args) {
 *         SpringApplication.from(CharterApplication::main).with(AnkorSimulatorConfiguration.class).run(args);
 *     }
 *
 * }
 * </pre>
 *
 * The simulator starts with the context, on {@code ankor.simulator.port} (a free one by
 * default), with tokens that live {@code ankor.simulator.token-lifetime} (1h by default)
 * and a throwaway key pair; it is the bean {@code ankorSimulator}, where the application
 * stubs Ankor's API, and its {@link AnkorConnectionDetails} point the starter at it,
 * whatever {@code ankor.company-uri}, {@code ankor.key-id}, {@code ankor.private-key} and
 * {@code ankor.api-url} say. It stops with the context. A test imports it with
 * {@code @Import(AnkorSimulatorConfiguration.class)}; it backs off where
 * {@link AutoConfigureAnkorSimulator} has started a simulator already. A further account
 * ({@code ankor.accounts.<name>}) that gives its {@code public-key} has that key
 * registered under its own Company URL, so it works locally with its own key; one that
 * does not, needs {@link AnkorSimulator#registerKey} before its first call.
 *
 * @author Ankor starter team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(AnkorSimulator.class)
public class AnkorSimulatorConfiguration {

	private static final Log logger = LogFactory.getLog(AnkorSimulatorConfiguration.class);

	@Bean(destroyMethod = "close")
	AnkorSimulator ankorSimulator(Environment environment, ResourceLoader resourceLoader) {
		AnkorSimulator simulator = AnkorSimulator.builder()
			.port(environment.getProperty("ankor.simulator.port", Integer.class, 0))
			.tokenLifetime(environment.getProperty("ankor.simulator.token-lifetime", Duration.class,
					Duration.ofHours(1)))
			.start();
		try {
			registerAccountKeys(simulator, environment, resourceLoader);
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
		return simulator;
	}

	/**
	 * Registers the public key of each further account that gives one
	 * ({@code ankor.accounts.<name>.public-key}), under its own Company URL, or the
	 * simulator's when it leaves that unset, as Ankor's key generation would have: such an
	 * account works locally with its own key and company.
	 */
	private static void registerAccountKeys(AnkorSimulator simulator, Environment environment,
			ResourceLoader resourceLoader) {
		Binder binder = Binder.get(environment);
		boolean enabled = binder.bind("ankor.enabled", Boolean.class).orElse(true);
		Map<String, AnkorAccountProperties> accounts = binder
			.bind("ankor.accounts", Bindable.mapOf(String.class, AnkorAccountProperties.class))
			.orElse(Map.of());
		accounts.forEach((name, account) -> {
			String keyId = account.keyId();
			String publicKey = account.publicKey();
			boolean accountEnabled = (account.enabled() != null) ? account.enabled() : enabled;
			if (accountEnabled && keyId != null && publicKey != null && !publicKey.isBlank()) {
				String companyUri = (account.companyUri() != null) ? account.companyUri().strip()
						: simulator.getCredentials().getCompanyUri();
				try {
					simulator.registerKey(keyId(keyId, resourceLoader), PublicKeys.read(publicKey, resourceLoader),
							companyUri);
				}
				catch (RuntimeException ex) {
					// the starter reports what is wrong with the account, naming its property
					logger.warn("The local Ankor simulator could not register the public key of account '" + name
							+ "' (" + ex.getClass().getSimpleName() + "); its token requests will be refused");
				}
			}
		});
	}

	/** A Key ID, or what the file at its location holds. */
	private static String keyId(String value, ResourceLoader resourceLoader) {
		String text = value.strip();
		if (!(text.startsWith("file:") || text.startsWith("classpath:"))) {
			return text;
		}
		try (InputStream in = resourceLoader.getResource(text).getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the Key ID at '" + text + "'", ex);
		}
	}

	@Bean
	AnkorConnectionDetails ankorSimulatorConnectionDetails(AnkorSimulator ankorSimulator) {
		return new AnkorSimulatorConnectionDetails(ankorSimulator);
	}

}
