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

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Customizes the starter's requests to Ankor's token endpoint, as Spring Security's token
 * response clients do with their parameters customizer: beans of this type run in
 * {@link org.springframework.core.Ordered order} for each attempt of each token request,
 * and may add form parameters or headers, for an identity service that wants one more.
 * The grant and the assertion are the starter's: {@code grant_type}, {@code assertion},
 * {@code client_assertion} and {@code client_assertion_type} are set after the
 * customizers run (a customizer never sees the assertion), and so are
 * {@code Content-Type} and {@code Accept}.
 *
 * @author Ankor starter team
 */
@FunctionalInterface
public interface AnkorTokenRequestCustomizer {

	/**
	 * Customizes one token request.
	 * @param account the account whose token is requested: {@code default} for the
	 * top-level {@code ankor.*} one, else the name under {@code ankor.accounts}
	 * @param parameters the form parameters, empty until customizers add some
	 * @param headers the request headers, empty until customizers add some
	 */
	void customize(String account, MultiValueMap<String, String> parameters, HttpHeaders headers);

}
