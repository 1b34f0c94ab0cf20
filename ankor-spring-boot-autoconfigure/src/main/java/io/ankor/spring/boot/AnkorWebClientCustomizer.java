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
package io.ankor.spring.boot;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customizes the builder of the {@code ankorWebClient} bean, of the accounts' {@code WebClient}s
 * ({@code AnkorAccounts.getWebClient(name)}), and of the clients of the HTTP service groups
 * {@code ankor} and {@code ankor-<name>}, and of no other client. The builder comes with
 * Spring Boot's own {@code WebClient} customizers applied and the base URL set to the
 * account's {@code api-url} (or a group's {@code spring.http.serviceclient.<group>.base-url});
 * beans of this type then run in {@link org.springframework.core.Ordered order}, and the
 * starter adds its bearer-token handling last, innermost.
 *
 * @author Ankor starter team
 */
@FunctionalInterface
public interface AnkorWebClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of an Ankor client
	 */
	void customize(WebClient.Builder builder);

}
