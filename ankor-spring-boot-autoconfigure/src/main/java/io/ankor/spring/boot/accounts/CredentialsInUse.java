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
 * An account's credentials in use, and why new ones were last refused: what the
 * {@link CredentialSwitch} keeps of each account it can switch.
 *
 * @param settings the settings in use
 * @param key the key in use
 * @param fingerprint the digest of what the token chain in use is made of
 * @param rejection the time and reason of the last refusal, or {@code null}
 * @param rejectedFingerprint the digest of invalid credentials, not tried again until
 * they change, or {@code null}
 * @author Ankor starter team
 */
record CredentialsInUse(AccountSettings settings, Account.LoadedKey key, String fingerprint,
		@Nullable String rejection, @Nullable String rejectedFingerprint) {

	CredentialsInUse accepted() {
		return new CredentialsInUse(this.settings, this.key, this.fingerprint, null, null);
	}

	CredentialsInUse rejected(String rejection, @Nullable String rejectedFingerprint) {
		return new CredentialsInUse(this.settings, this.key, this.fingerprint, rejection, rejectedFingerprint);
	}

}
