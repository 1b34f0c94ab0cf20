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
package io.ankor.spring.boot.autoconfigure;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.ankor.spring.boot.AnkorConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports every wrong or missing {@code ankor.*} property at once: what is wrong, which
 * property, what to do. Missing credentials also point at the way to run without an Ankor
 * account.
 *
 * @author Ankor starter team
 */
class AnkorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AnkorConfigurationException> {

	private static final Set<String> CREDENTIALS = Set.of("ankor.company-uri", "ankor.key-id", "ankor.private-key",
			"ankor.api-url");

	private static final String LOCAL_DEVELOPMENT = "Without an Ankor account, run against the local Ankor "
			+ "simulator: add io.ankor:ankor-spring-boot-test with test scope, start the application from a launcher "
			+ "in src/test/java, 'SpringApplication.from(YourApplication::main).with(AnkorSimulatorConfiguration.class)"
			+ ".run(args)', with 'mvn spring-boot:test-run'; in tests, annotate them with @AutoConfigureAnkorSimulator "
			+ "(see the README, 'Local development').";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AnkorConfigurationException cause) {
		List<AnkorConfigurationException> problems = AnkorPropertiesValidator.problems(cause);
		String description = (problems.size() == 1)
				? "The Ankor starter could not be configured: property '%s' %s.".formatted(cause.getProperty(),
						cause.getProblem())
				: "The Ankor starter could not be configured; %d properties are wrong:%n%s".formatted(problems.size(),
						problems.stream()
							.map((problem) -> "    - '%s' %s".formatted(problem.getProperty(), problem.getProblem()))
							.collect(Collectors.joining(System.lineSeparator())));
		String action = problems.stream().map(AnkorConfigurationException::getAction)
			.collect(Collectors.joining(System.lineSeparator()));
		boolean missingCredentials = problems.stream()
			.anyMatch((problem) -> CREDENTIALS.contains(problem.getProperty())
					&& problem.getProblem().equals("is missing"));
		if (missingCredentials) {
			action = action + System.lineSeparator() + LOCAL_DEVELOPMENT;
		}
		return new FailureAnalysis(description, action, cause);
	}

}
