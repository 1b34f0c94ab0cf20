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
package io.ankor.spring.boot.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Sanitizing functions that keep Ankor's secrets out of {@code /actuator/env} and
 * {@code /actuator/configprops}.
 *
 * @author Ankor starter team
 */
public final class AnkorSanitizingFunctions {

	private AnkorSanitizingFunctions() {
	}

	/**
	 * Masks private keys however they reach the environment: {@code ankor.private-key},
	 * {@code ANKOR_PRIVATE_KEY}, the {@code privateKey} of {@code configprops}, or any value
	 * holding a PEM private key.
	 * @return the sanitizing function
	 */
	public static SanitizingFunction privateKeys() {
		return SanitizingFunction.sanitizeValue()
			.ifKeyMatches((key) -> key.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT).endsWith("privatekey"))
			.ifValueStringMatches("(?s).*-----BEGIN[A-Z ]*PRIVATE KEY-----.*");
	}

}
