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

/**
 * The names under which the starter registers things, for code that refers to them.
 *
 * @author Ankor starter team
 */
public final class Ankor {

	/** The HTTP service group whose clients call Ankor with the default account. */
	public static final String HTTP_SERVICE_GROUP = "ankor";

	/**
	 * The registration id of Ankor's default account in Spring Security, and of its
	 * authorized clients; that of the account {@code ankor.accounts.<name>} is
	 * {@code ankor-<name>}, as is its HTTP service group.
	 */
	public static final String REGISTRATION_ID = "ankor";

	/**
	 * Name of an optional {@link java.time.Clock} bean for the starter's own time keeping,
	 * which tests use to move time. The application's other {@code Clock} beans are never
	 * used: a fixed business clock must not date Ankor assertions.
	 */
	public static final String CLOCK_BEAN = "ankorClock";

	private Ankor() {
	}

}
