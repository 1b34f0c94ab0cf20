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
package io.ankor.sample;

import io.ankor.spring.boot.test.AnkorSimulatorConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample website against a local Ankor simulator, with no Ankor account:
 * {@code mvn spring-boot:test-run}. The simulator serves the demo fleet of
 * {@code DemoFleet}. Its profile {@code local} shows health details
 * ({@code application-local.yml}), which the sample keeps to authorized users elsewhere.
 */
public class TestSampleApplication {

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(AnkorSimulatorConfiguration.class)
			.withAdditionalProfiles("local")
			.run(args);
	}

}
