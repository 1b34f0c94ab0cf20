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

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs of the starter beyond what Spring's AOT processing finds by
 * itself: the failure analyzers and the background preinitializer, which Spring Boot
 * creates reflectively from {@code META-INF/spring.factories}, and that file.
 *
 * @author Ankor starter team
 */
class AnkorRuntimeHints implements RuntimeHintsRegistrar {

	static final List<String> FACTORIES = List.of(AnkorBindFailureAnalyzer.class.getName(),
			AnkorConfigurationFailureAnalyzer.class.getName(), AnkorDisabledFailureAnalyzer.class.getName(),
			AnkorStartupVerificationFailureAnalyzer.class.getName(), AnkorBackgroundPreinitializer.class.getName());

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String analyzer : FACTORIES) {
			hints.reflection()
				.registerType(TypeReference.of(analyzer), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		hints.resources().registerPattern("META-INF/spring.factories");
	}

}
