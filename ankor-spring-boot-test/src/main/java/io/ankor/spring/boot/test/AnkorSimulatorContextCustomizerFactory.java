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
import java.util.List;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts an {@link AnkorSimulator} for test classes annotated with
 * {@link AutoConfigureAnkorSimulator}.
 */
class AnkorSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureAnkorSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureAnkorSimulator.class);
		return (annotation != null) ? new Customizer(DurationStyle.detectAndParse(annotation.tokenLifetime())) : null;
	}

	private record Customizer(Duration tokenLifetime) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			AnkorSimulator simulator = AnkorSimulator.builder().tokenLifetime(this.tokenLifetime).start();
			try {
				AnkorSimulatorRegistration.registerBeans(context, simulator);
			}
			catch (RuntimeException ex) {
				simulator.close();
				throw ex;
			}
		}

	}

}
