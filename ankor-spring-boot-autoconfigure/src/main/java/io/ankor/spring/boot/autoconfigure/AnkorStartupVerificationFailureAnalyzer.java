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

import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.AnkorTokenException;
import io.ankor.spring.boot.accounts.AccountSettings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why {@code ankor.verify-on-startup} stopped startup: Ankor's error, and which
 * properties to check.
 *
 * @author Ankor starter team
 */
class AnkorStartupVerificationFailureAnalyzer
		extends AbstractFailureAnalyzer<AnkorStartupVerifier.AnkorStartupVerificationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure,
			AnkorStartupVerifier.AnkorStartupVerificationException cause) {
		AnkorTokenException ex = cause.getTokenException();
		String account = cause.getAccount();
		String prefix = AccountSettings.prefix(account);
		String description = "Ankor did not issue a token at startup" + cause.forAccount() + " (" + prefix
				+ ".verify-on-startup=true): " + ex.getMessage() + ".";
		String inherited = AnkorAccounts.DEFAULT.equals(account) ? ""
				: " What the account leaves unset comes from 'ankor.*'.";
		return new FailureAnalysis(description, action(ex, prefix) + inherited, cause);
	}

	private static String action(AnkorTokenException ex, String prefix) {
		String code = ex.getErrorCode();
		int status = ex.getStatusCode();
		if (status == 0) {
			return "Check that '" + prefix + ".api-url' (or '" + prefix + ".token-uri') is right and that Ankor can "
					+ "be reached from this machine.";
		}
		if ((status >= 300 && status < 400) || status == 404 || status == 405) {
			// no token endpoint there: the URL is at fault, not the credentials
			return "Check that '" + prefix + ".api-url' (or '" + prefix + ".token-uri') is right: Ankor's token "
					+ "endpoint is POST /iam/oauth/token on https://api.ankor.io, and redirects are not followed.";
		}
		if ("invalid_scope".equals(code)) {
			return "Check '" + prefix + ".scopes': ask only for scopes your Ankor company has, such as "
					+ "'website:read:*' or 'entity:*'.";
		}
		if (ex.isTransient()) {
			return "Ankor's token endpoint is failing; try again later, or set '" + prefix
					+ ".verify-on-startup=false' to start without checking.";
		}
		return "Check that '" + prefix + ".company-uri', '" + prefix + ".key-id' and '" + prefix + ".private-key' "
				+ "are the Company URL, Key ID and private key shown in Ankor (Settings > Company Details and "
				+ "Settings > Key generation), and that this machine's clock is right.";
	}

}
