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

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Reads a token response the way real servers send it, then hands it to Spring Security's
 * {@link DefaultMapOAuth2AccessTokenResponseConverter}:
 * <ul>
 * <li>a missing {@code token_type}, or {@code bearer} in any case, means Bearer;</li>
 * <li>without {@code expires_in}, the lifetime is the token's own {@code exp} when it is a
 * JWT, else {@link #DEFAULT_LIFETIME} (Spring Security alone would make it one
 * second);</li>
 * <li>{@code expires_in} over an hour is capped at Ankor's maximum of one hour.</li>
 * </ul>
 *
 * @author Ankor starter team
 */
final class AnkorTokenResponseConverter implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

	/** Lifetime assumed for an opaque token that comes without {@code expires_in}. */
	static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	/** Longest lifetime of an Ankor access token. */
	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private final DefaultMapOAuth2AccessTokenResponseConverter delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

	@Override
	public OAuth2AccessTokenResponse convert(Map<String, Object> source) {
		Object accessToken = source.get(OAuth2ParameterNames.ACCESS_TOKEN);
		if (accessToken == null || !StringUtils.hasText(accessToken.toString())) {
			throw new IllegalArgumentException("the response has no access_token");
		}
		Map<String, Object> parameters = new LinkedHashMap<>(source);
		Object tokenType = source.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (tokenType != null && !"bearer".equals(tokenType.toString().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("token_type '" + tokenType + "' is not supported, only Bearer");
		}
		parameters.put(OAuth2ParameterNames.TOKEN_TYPE, "Bearer");
		parameters.put(OAuth2ParameterNames.EXPIRES_IN, expiresIn(source, accessToken.toString()));
		return this.delegate.convert(parameters);
	}

	private static long expiresIn(Map<String, Object> source, String accessToken) {
		long expiresIn = parseSeconds(source.get(OAuth2ParameterNames.EXPIRES_IN));
		if (expiresIn <= 0) {
			expiresIn = jwtLifetime(accessToken);
		}
		if (expiresIn <= 0) {
			expiresIn = DEFAULT_LIFETIME.toSeconds();
		}
		return Math.min(expiresIn, MAX_LIFETIME.toSeconds());
	}

	private static long parseSeconds(Object value) {
		if (value instanceof Number number) {
			return number.longValue();
		}
		if (value != null) {
			try {
				return (long) Double.parseDouble(value.toString().strip());
			}
			catch (NumberFormatException ex) {
				// treated as missing
			}
		}
		return 0;
	}

	/** Seconds left until the {@code exp} of a JWT access token; 0 when there is none. */
	private static long jwtLifetime(String accessToken) {
		String[] parts = accessToken.split("\\.");
		if (parts.length != 3) {
			return 0;
		}
		try {
			// only the lifetime is read here: the token is Ankor's to verify, not ours
			Object exp = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString()).get("exp");
			return (exp instanceof Number seconds) ? seconds.longValue() - Instant.now().getEpochSecond() : 0;
		}
		catch (ParseException | RuntimeException ex) {
			return 0;
		}
	}

}
