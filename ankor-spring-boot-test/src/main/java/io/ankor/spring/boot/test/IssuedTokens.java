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
package io.ankor.spring.boot.test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The tokens an {@link AnkorSimulator} issued, each with the Key ID of the assertion it
 * was issued for, so that retiring a key revokes its tokens.
 *
 * @author Ankor starter team
 */
final class IssuedTokens {

	private static final SecureRandom random = new SecureRandom();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Map<String, String> keyIds = new ConcurrentHashMap<>();

	/**
	 * Issues a random opaque token.
	 * @param companyUri the company it is for
	 * @param scopes its scopes
	 * @param now when it is issued
	 * @param lifetime how long it lives
	 * @param keyId the Key ID of the assertion it is issued for
	 * @return the token
	 */
	IssuedToken issue(String companyUri, List<String> scopes, Instant now, Duration lifetime, String keyId) {
		IssuedToken token = new IssuedToken(randomToken(), companyUri, scopes, now, now.plus(lifetime), false);
		this.tokens.put(token.value(), token);
		this.keyIds.put(token.value(), keyId);
		return token;
	}

	static String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	void revoke(String token) {
		this.tokens.computeIfPresent(token, (value, issued) -> issued.revoke());
	}

	void revokeAll() {
		this.tokens.replaceAll((value, token) -> token.revoke());
	}

	/** Revokes the tokens issued for assertions signed with a key. */
	void revokeKey(String keyId) {
		this.keyIds.forEach((token, tokenKeyId) -> {
			if (tokenKeyId.equals(keyId)) {
				revoke(token);
			}
		});
	}

	List<IssuedToken> list() {
		return this.tokens.values().stream().sorted(Comparator.comparing(IssuedToken::issuedAt)).toList();
	}

	void clear() {
		this.tokens.clear();
		this.keyIds.clear();
	}

	/**
	 * Why a token may not call the API.
	 * @param token the token value
	 * @param now the simulator's now
	 * @return the reason, or {@code null} when it is live
	 */
	@Nullable String rejection(String token, Instant now) {
		IssuedToken issued = this.tokens.get(token);
		if (issued == null) {
			return "unknown token";
		}
		return issued.isLiveAt(now) ? null : issued.revoked() ? "token revoked" : "token expired";
	}

}
