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

import io.ankor.spring.boot.AnkorConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link AnkorConfigurationException}: which property is wrong and how to
 * fix it.
 *
 * @author Ankor starter team
 */
class AnkorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AnkorConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AnkorConfigurationException cause) {
		String description = "The Ankor starter could not be configured: property '%s' %s."
			.formatted(cause.getProperty(), cause.getProblem());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
