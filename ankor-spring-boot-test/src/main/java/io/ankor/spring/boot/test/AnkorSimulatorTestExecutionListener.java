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

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method whose application context holds an {@link AnkorSimulator} (with
 * {@link AutoConfigureAnkorSimulator} or {@link AnkorSimulatorConfiguration}), makes every
 * {@link AnkorAccessTokenProvider}, those of every account included, forget its cached
 * token and any remembered failure, so
 * that tests sharing a cached application context start alike: a test that made the
 * simulator refuse does not leave the next one waiting for the starter's pause.
 *
 * @author Ankor starter team
 */
class AnkorSimulatorTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getBeanNamesForType(AnkorSimulator.class).length > 0) {
			context.getBeanProvider(AnkorAccessTokenProvider.class)
				.orderedStream()
				.forEach(AnkorAccessTokenProvider::reset);
			// the providers of further accounts are not beans
			context.getBeanProvider(AnkorAccounts.class)
				.orderedStream()
				.forEach((accounts) -> accounts.getNames()
					.forEach((name) -> accounts.getTokenProvider(name).reset()));
		}
	}

}
