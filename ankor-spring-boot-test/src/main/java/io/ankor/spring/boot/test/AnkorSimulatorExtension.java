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

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs an {@link AnkorSimulator} for a test class, for tests
 * without a Spring context: it starts before the first test, is {@link AnkorSimulator#reset()
 * reset} before each, stops after the last, and is injected into test and lifecycle
 * methods that declare an {@code AnkorSimulator} parameter.
 *
 * <pre class="code">
 * &#64;ExtendWith(AnkorSimulatorExtension.class)
 * class MyClientTests {
 *
 *     &#64;Test
 *     void callsAnkor(AnkorSimulator ankor) {
 *         ankor.stubFor(get("/website/yachts").willReturn(okJson("[]")));
 *         ...
 *     }
 * }
 * </pre>
 *
 * For a {@code @SpringBootTest}, use {@link AutoConfigureAnkorSimulator} instead.
 *
 * @author Ankor starter team
 */
public class AnkorSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
		ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(AnkorSimulatorExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getStore(NAMESPACE).put(AnkorSimulator.class, AnkorSimulator.start());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		simulator(context).reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		AnkorSimulator simulator = context.getStore(NAMESPACE).remove(AnkorSimulator.class, AnkorSimulator.class);
		if (simulator != null) {
			simulator.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == AnkorSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return simulator(extensionContext);
	}

	private static AnkorSimulator simulator(ExtensionContext context) {
		return context.getStore(NAMESPACE).get(AnkorSimulator.class, AnkorSimulator.class);
	}

}
