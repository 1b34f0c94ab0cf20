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

import io.ankor.spring.boot.AnkorAccessTokenProvider;

/**
 * One account, as made at startup: its settings and its token provider, both for good (a
 * switch to new credentials happens inside the provider).
 *
 * @param settings the settings it was made with, without the text of an inline key
 * @param provider its token provider
 * @param loaded the key it was made with
 * @author Ankor starter team
 */
record Account(AccountSettings settings, AnkorAccessTokenProvider provider, LoadedKey loaded) {

	/**
	 * The account's name.
	 * @return {@code default}, or a name under {@code ankor.accounts}
	 */
	String name() {
		return this.settings.name();
	}

	@Override
	public String toString() {
		// its credentials may have been switched since: they are the provider's
		return "Account[" + name() + "]";
	}

	/**
	 * What identifies the key an account uses, without key material: the company and Key
	 * ID it signs for, and a digest of the values (or file contents) it was read from.
	 *
	 * @param companyUri the company URI
	 * @param keyId the Key ID
	 * @param contentDigest the digest of what the credentials were read from
	 */
	record LoadedKey(String companyUri, String keyId, String contentDigest) {

		/**
		 * The identity of credentials as loaded.
		 * @param credentials the credentials
		 * @return their identity
		 */
		static LoadedKey of(io.ankor.spring.boot.credentials.AnkorCredentials credentials) {
			return new LoadedKey(credentials.getCompanyUri(), credentials.getKeyId(), credentials.getContentDigest());
		}

	}

}
