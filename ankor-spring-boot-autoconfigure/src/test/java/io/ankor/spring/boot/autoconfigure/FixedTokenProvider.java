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

import java.util.concurrent.CompletableFuture;

import io.ankor.spring.boot.AnkorAccessTokenProvider;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * An application's own {@link AnkorAccessTokenProvider}: always the same bearer token,
 * which no 401 replaces.
 *
 * @author Ankor starter team
 */
final class FixedTokenProvider implements AnkorAccessTokenProvider {

	private final OAuth2AccessToken token;

	FixedTokenProvider(String token) {
		this.token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, null, null);
	}

	@Override
	public OAuth2AccessToken getAccessToken() {
		return this.token;
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> getAccessTokenAsync() {
		return CompletableFuture.completedFuture(this.token);
	}

	@Override
	public void invalidate(OAuth2AccessToken rejected) {
	}

}
