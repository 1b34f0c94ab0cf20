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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test's application context against a fresh {@link AnkorSimulator}: starts it
 * on a free port with a throwaway key pair, points the starter at it through its
 * {@code AnkorConnectionDetails} (whatever {@code ankor.company-uri}, {@code ankor.key-id},
 * {@code ankor.private-key} and {@code ankor.api-url} say), and registers it as the bean
 * {@code ankorSimulator} so that the test can stub Ankor's API and inspect token
 * requests. The simulator stops with the context.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureAnkorSimulator
 * class FleetServiceTests {
 *
 *     &#64;Autowired
 *     AnkorSimulator ankor;
 *     ...
 * }
 * </pre>
 *
 * @author Ankor starter team
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureAnkorSimulator {

	/**
	 * Lifetime of the tokens the simulator issues, as a duration such as {@code 1h} or
	 * {@code 90s}.
	 * @return the token lifetime
	 */
	String tokenLifetime() default "1h";

}
