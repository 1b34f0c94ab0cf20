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

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Wires a running {@link AnkorSimulator} into an application: the bean
 * {@value #BEAN_NAME} that stops it when the context closes or fails to start, and its
 * {@code AnkorConnectionDetails}, which point the starter at it.
 */
final class AnkorSimulatorRegistration {

	static final String BEAN_NAME = "ankorSimulator";

	private AnkorSimulatorRegistration() {
	}

	static void registerBeans(ConfigurableApplicationContext context, AnkorSimulator simulator) {
		DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, simulator);
		beanFactory.registerDisposableBean(BEAN_NAME, simulator::close);
		beanFactory.registerSingleton("ankorSimulatorConnectionDetails", new AnkorSimulatorConnectionDetails(simulator));
	}

}
