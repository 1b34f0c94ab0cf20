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

import java.util.Locale;

/**
 * How the assertion is presented to Ankor's token endpoint.
 *
 * @author Ankor starter team
 */
public enum GrantType {

	/**
	 * RFC 7523 section 2.1: {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
	 * with the assertion in {@code assertion}.
	 */
	JWT_BEARER,

	/**
	 * RFC 7523 section 2.2: {@code grant_type=client_credentials} with the assertion in
	 * {@code client_assertion}.
	 */
	CLIENT_CREDENTIALS;

	/**
	 * The value as written in properties, such as {@code jwt-bearer}.
	 * @return the property value
	 */
	public String toPropertyValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
