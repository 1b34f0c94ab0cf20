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
package io.ankor.spring.boot.token;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Reads token endpoint bodies, read as bytes and parsed by Nimbus (Spring's JSON decoders
 * log decoded values at DEBUG, which would put the access token in the log). Lenient
 * where real servers differ, strict where a value cannot be right:
 * <ul>
 * <li>a missing {@code token_type}, or {@code bearer} in any case, means Bearer;</li>
 * <li>{@code expires_in} may be a whole number or a string holding one; without it the
 * {@link RefreshPolicy} decides the lifetime;</li>
 * <li>an {@code access_token} that is not an RFC 6750 {@code b64token} (it could not be
 * sent as {@code Authorization: Bearer <token>}), or an {@code expires_in} that is not a
 * positive whole number of seconds, is refused.</li>
 * </ul>
 *
 * @author Ankor starter team
 */
final class TokenResponseReader {

	/** The largest body read from the token endpoint. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	/** RFC 6750 section 2.1: what may follow {@code Bearer } in an {@code Authorization} header. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private final RefreshPolicy policy;

	TokenResponseReader(RefreshPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Reads a successful token response.
	 * @param body the body
	 * @return the token response
	 * @throws IllegalArgumentException saying what is wrong, never repeating a token
	 */
	OAuth2AccessTokenResponse read(byte[] body) {
		Map<String, Object> json = parse(body);
		if (json == null) {
			throw new IllegalArgumentException("a body that is not a JSON object");
		}
		Object accessToken = json.get(OAuth2ParameterNames.ACCESS_TOKEN);
		if (!(accessToken instanceof String value) || !StringUtils.hasText(value)) {
			throw new IllegalArgumentException((accessToken == null) ? "no access_token"
					: "an access_token that is not a non-blank string");
		}
		if (!B64TOKEN.matcher(value).matches()) {
			// not repeated: it is a token, or whatever a broken endpoint put in its place
			throw new IllegalArgumentException("an access_token that cannot be sent in an Authorization header "
					+ "(not an RFC 6750 b64token: letters, digits, '-._~+/' and trailing '=')");
		}
		Object tokenType = json.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (tokenType != null && !"bearer".equals(tokenType.toString().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("token_type '" + abbreviate(tokenType) + "', where only Bearer works");
		}
		Map<String, Object> additional = new LinkedHashMap<>(json);
		Arrays.asList(OAuth2ParameterNames.ACCESS_TOKEN, OAuth2ParameterNames.TOKEN_TYPE,
				OAuth2ParameterNames.EXPIRES_IN, OAuth2ParameterNames.SCOPE, OAuth2ParameterNames.REFRESH_TOKEN)
			.forEach(additional::remove);
		OAuth2AccessTokenResponse.Builder response = OAuth2AccessTokenResponse.withToken(value)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(this.policy.lifetimeSeconds(expiresIn(json.get(OAuth2ParameterNames.EXPIRES_IN)), value))
			.scopes(scopes(json.get(OAuth2ParameterNames.SCOPE)))
			.additionalParameters(additional);
		if (json.get(OAuth2ParameterNames.REFRESH_TOKEN) instanceof String refreshToken) {
			response.refreshToken(refreshToken);
		}
		return response.build();
	}

	private static @Nullable Long expiresIn(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(value.toString().strip());
			if (seconds.signum() > 0) {
				return seconds.longValueExact();
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// reported below
		}
		throw new IllegalArgumentException("expires_in '" + abbreviate(value) + "', which is not a positive whole "
				+ "number of seconds within range");
	}

	private static Set<String> scopes(@Nullable Object value) {
		if (!(value instanceof String text) || !StringUtils.hasText(text)) {
			return Set.of();
		}
		return new LinkedHashSet<>(Arrays.asList(text.strip().split("\\s+")));
	}

	/**
	 * Reads the OAuth 2.0 error of a refusal, if its body holds one.
	 * @param body the body
	 * @return the error, or {@code null}
	 */
	static @Nullable OAuth2Error error(byte[] body) {
		Map<String, Object> json = parse(body);
		if (json == null || !(json.get("error") instanceof String code) || !code.matches("[\\x20-\\x7e]{1,100}")) {
			return null;
		}
		return new OAuth2Error(code, text(json.get("error_description")), text(json.get("error_uri")));
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text) ? abbreviate(text) : null;
	}

	private static @Nullable Map<String, Object> parse(byte[] body) {
		try {
			return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static String abbreviate(Object value) {
		String text = value.toString();
		return (text.length() <= 200) ? text : text.substring(0, 200) + "...";
	}

}
