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

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With {@code ankor.simulator.enabled=true}, starts an {@link AnkorSimulator} before the
 * application and points the starter at it: for demos and local development without an
 * Ankor account. {@code ankor.simulator.port} picks the port (a free one by default) and
 * {@code ankor.simulator.token-lifetime} the lifetime of its tokens (default 1h). The
 * simulator is the bean {@code ankorSimulator}, where the application stubs Ankor's API.
 *
 * @author Ankor starter team
 */
public class AnkorSimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private final ConfigurableBootstrapContext bootstrapContext;

	/**
	 * Creates a new instance.
	 * @param bootstrapContext the bootstrap context, through which the simulator becomes a
	 * bean
	 */
	public AnkorSimulatorEnvironmentPostProcessor(ConfigurableBootstrapContext bootstrapContext) {
		this.bootstrapContext = bootstrapContext;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("ankor.simulator.enabled", Boolean.class, false)) {
			return;
		}
		AnkorSimulator simulator = AnkorSimulator.builder()
			.port(environment.getProperty("ankor.simulator.port", Integer.class, 0))
			.tokenLifetime(environment.getProperty("ankor.simulator.token-lifetime", Duration.class,
					Duration.ofHours(1)))
			.start();
		AnkorSimulatorRegistration.addProperties(environment, simulator);
		this.bootstrapContext.addCloseListener(
				(event) -> AnkorSimulatorRegistration.registerBean(event.getApplicationContext(), simulator));
	}

	@Override
	public int getOrder() {
		// after application.yml and profiles are read
		return Ordered.LOWEST_PRECEDENCE;
	}

}
