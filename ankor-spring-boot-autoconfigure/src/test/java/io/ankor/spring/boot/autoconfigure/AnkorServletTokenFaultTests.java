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

import java.util.function.Supplier;

import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link AnkorTokenFaultTests} in a servlet web application: the same token chain as every
 * other kind.
 */
class AnkorServletTokenFaultTests extends AnkorTokenFaultTests {

	@Override
	Supplier<ConfigurableApplicationContext> contextFactory() {
		return AnnotationConfigServletWebApplicationContext::new;
	}

}
