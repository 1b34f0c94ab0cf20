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

import java.time.Duration;

import io.ankor.spring.boot.autoconfigure.AnkorConnectionDetails;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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
 * {@link AutoConfigureAnkorSimulator} has started a simulator already.
 *
 * @author Ankor starter team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(AnkorSimulator.class)
public class AnkorSimulatorConfiguration {

	@Bean(destroyMethod = "close")
	AnkorSimulator ankorSimulator(Environment environment) {
		return AnkorSimulator.builder()
			.port(environment.getProperty("ankor.simulator.port", Integer.class, 0))
			.tokenLifetime(environment.getProperty("ankor.simulator.token-lifetime", Duration.class,
					Duration.ofHours(1)))
			.start();
	}

	@Bean
	AnkorConnectionDetails ankorSimulatorConnectionDetails(AnkorSimulator ankorSimulator) {
		return new AnkorSimulatorConnectionDetails(ankorSimulator);
	}

}
