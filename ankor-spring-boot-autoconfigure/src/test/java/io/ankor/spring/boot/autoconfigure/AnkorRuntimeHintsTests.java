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

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnkorRuntimeHints}.
 */
class AnkorRuntimeHintsTests {

	@Test
	void registersEveryFactoryAndTheFactoriesFile() throws ClassNotFoundException {
		RuntimeHints hints = new RuntimeHints();
		new AnkorRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String analyzer : AnkorRuntimeHints.FACTORIES) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(Class.forName(analyzer))
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/spring.factories")).accepts(hints);
	}

	@Test
	void coversEveryFactoryTheStarterDeclares() throws IOException {
		List<String> declared = new ArrayList<>();
		Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
		while (files.hasMoreElements()) {
			Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(files.nextElement()));
			String names = factories.getProperty(FailureAnalyzer.class.getName(), "") + ","
					+ factories.getProperty(BackgroundPreinitializer.class.getName(), "");
			Arrays.stream(names.split(","))
				.map(String::strip)
				.filter((name) -> name.startsWith("io.ankor."))
				.forEach(declared::add);
		}
		assertThat(declared).containsExactlyInAnyOrderElementsOf(AnkorRuntimeHints.FACTORIES);
	}

	@Test
	void isRegisteredForAotProcessing() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).anyMatch(AnkorRuntimeHints.class::isInstance);
	}

}
