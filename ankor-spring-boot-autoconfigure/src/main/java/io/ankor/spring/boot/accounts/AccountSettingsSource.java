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
package io.ankor.spring.boot.accounts;

import org.jspecify.annotations.Nullable;

/**
 * An account's settings as the environment has them now, read again when its
 * credentials may have changed.
 *
 * @author Ankor starter team
 */
@FunctionalInterface
public interface AccountSettingsSource {

	/**
	 * Reads an account's settings again, validated, keeping from those in use what
	 * changes only with a restart (the API URL, HTTP settings and refresh margin).
	 * @param current the settings in use
	 * @return the settings, or {@code null} when the environment no longer has the account
	 * @throws io.ankor.spring.boot.AnkorConfigurationException naming the property at
	 * fault
	 */
	@Nullable AccountSettings read(AccountSettings current);

}
