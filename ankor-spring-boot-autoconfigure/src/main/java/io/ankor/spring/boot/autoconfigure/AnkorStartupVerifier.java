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

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.accounts.AccountSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * With {@code ankor.verify-on-startup=true}, fetches one token once every singleton is
 * ready, so that refused credentials stop startup instead of the first call.
 *
 * @author Ankor starter team
 */
final class AnkorStartupVerifier implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(AnkorStartupVerifier.class);

	private final AnkorAccessTokenProvider tokens;

	private final String account;

	AnkorStartupVerifier(AnkorAccessTokenProvider tokens) {
		this(tokens, AnkorAccounts.DEFAULT);
	}

	/**
	 * A verifier of one account's credentials.
	 * @param tokens the account's provider
	 * @param account the account's name
	 */
	AnkorStartupVerifier(AnkorAccessTokenProvider tokens, String account) {
		this.tokens = tokens;
		this.account = account;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.tokens.getAccessToken();
			logger.info("Ankor accepted the credentials" + (AnkorAccounts.DEFAULT.equals(this.account) ? ""
					: " of account '" + this.account + "'") + " (" + AccountSettings.prefix(this.account)
					+ ".verify-on-startup=true)");
		}
		catch (AnkorTokenException ex) {
			throw new AnkorStartupVerificationException(ex, this.account);
		}
	}

	/**
	 * Ankor refused or failed the token request made at startup for one account.
	 */
	static final class AnkorStartupVerificationException extends RuntimeException {

		private final AnkorTokenException tokenException;

		private final String account;

		AnkorStartupVerificationException(AnkorTokenException cause, String account) {
			super("Ankor refused the token request made at startup" + forAccount(account) + ": " + cause.getMessage(),
					cause);
			this.tokenException = cause;
			this.account = account;
		}

		AnkorTokenException getTokenException() {
			return this.tokenException;
		}

		/**
		 * The account whose credentials were refused: {@code default} or a name under
		 * {@code ankor.accounts}.
		 * @return the account's name
		 */
		String getAccount() {
			return this.account;
		}

		/**
		 * Names a further account in a message: nothing for the default account.
		 * @return {@code " for account '<name>'"}, or an empty string
		 */
		String forAccount() {
			return forAccount(this.account);
		}

		private static String forAccount(String account) {
			return AnkorAccounts.DEFAULT.equals(account) ? "" : " for account '" + account + "'";
		}

	}

}
