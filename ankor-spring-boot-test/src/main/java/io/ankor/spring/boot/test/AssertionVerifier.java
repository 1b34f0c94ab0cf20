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

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks an assertion as Ankor's guide describes it, strictly: every rule that fails
 * names exactly what was wrong.
 */
final class AssertionVerifier {

	static final Set<String> CLAIMS = Set.of("scopes", "iss", "sub", "aud", "iat", "exp");

	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private final Function<String, RegisteredKey> keys;

	private final String audience;

	private final Duration leeway;

	private final Set<String> allowedScopes;

	AssertionVerifier(Function<String, RegisteredKey> keys, String audience, Duration leeway,
			Set<String> allowedScopes) {
		this.keys = keys;
		this.audience = audience;
		this.leeway = leeway;
		this.allowedScopes = allowedScopes;
	}

	Result verify(String assertion, Instant now) {
		Result result = new Result();
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(assertion);
			result.header = new LinkedHashMap<>(jwt.getHeader().toJSONObject());
			result.claims = new LinkedHashMap<>(JSONObjectUtils.parse(jwt.getPayload().toString()));
		}
		catch (ParseException | RuntimeException ex) {
			return result.fail("invalid_grant", "the assertion is not a signed JWT (JWS compact serialization)");
		}
		if (jwt.getHeader().getType() == null || !"JWT".equals(jwt.getHeader().getType().getType())) {
			return result.fail("invalid_grant", "header 'typ' must be \"JWT\"");
		}
		String keyId = jwt.getHeader().getKeyID();
		if (keyId == null || keyId.isBlank()) {
			return result.fail("invalid_grant", "header 'kid' is missing");
		}
		RegisteredKey key = this.keys.apply(keyId);
		if (key == null) {
			return result.fail("invalid_grant", "header 'kid' names no registered key: '" + keyId + "'");
		}
		String expectedAlgorithm = algorithm(key.publicKey());
		String algorithm = jwt.getHeader().getAlgorithm().getName();
		if (!expectedAlgorithm.equals(algorithm)) {
			return result.fail("invalid_grant",
					"header 'alg' is " + algorithm + " but the key registered for this kid signs " + expectedAlgorithm);
		}
		if (!verifies(jwt, key.publicKey())) {
			return result.fail("invalid_grant", "the signature does not verify with the key registered for this kid");
		}
		return verifyClaims(result, key, now);
	}

	private Result verifyClaims(Result result, RegisteredKey key, Instant now) {
		Map<String, Object> claims = result.claims;
		for (String claim : List.of("scopes", "iss", "sub", "aud", "iat", "exp")) {
			if (!claims.containsKey(claim)) {
				return result.fail("invalid_grant", "claim '" + claim + "' is missing");
			}
		}
		for (String claim : claims.keySet()) {
			if (!CLAIMS.contains(claim)) {
				return result.fail("invalid_grant", "claim '" + claim + "' is not one Ankor accepts; send exactly "
						+ "scopes, iss, sub, aud, iat and exp");
			}
		}
		if (!(claims.get("scopes") instanceof List<?> scopes) || scopes.isEmpty()
				|| !scopes.stream().allMatch((scope) -> scope instanceof String s && !s.isBlank())) {
			return result.fail("invalid_grant", "claim 'scopes' must be a non-empty JSON array of strings");
		}
		if (!key.companyUri().equals(claims.get("iss"))) {
			return result.fail("invalid_grant",
					"claim 'iss' must be the company URI registered for this kid: '" + key.companyUri() + "'");
		}
		if (!key.companyUri().equals(claims.get("sub"))) {
			return result.fail("invalid_grant",
					"claim 'sub' must be the company URI registered for this kid: '" + key.companyUri() + "'");
		}
		Object audience = claims.get("aud");
		if (!(audience instanceof String)) {
			return result.fail("invalid_grant", "claim 'aud' must be the JSON string \"" + this.audience + "\", not "
					+ ((audience instanceof List) ? "an array" : String.valueOf(audience)));
		}
		if (!this.audience.equals(audience)) {
			return result.fail("invalid_grant", "claim 'aud' must be \"" + this.audience + "\"");
		}
		if (!(claims.get("iat") instanceof Long iat) || !(claims.get("exp") instanceof Long exp)) {
			return result.fail("invalid_grant", "claims 'iat' and 'exp' must be whole epoch seconds");
		}
		long nowSeconds = now.getEpochSecond();
		if (iat > nowSeconds + this.leeway.toSeconds()) {
			return result.fail("invalid_grant", "claim 'iat' is " + (iat - nowSeconds)
					+ " s in the future (check the client's clock)");
		}
		if (exp <= iat) {
			return result.fail("invalid_grant", "claim 'exp' must be after 'iat'");
		}
		if (exp - iat > MAX_LIFETIME.toSeconds()) {
			return result.fail("invalid_grant",
					"'exp' - 'iat' is " + (exp - iat) + " s; an assertion may live at most 3600 s");
		}
		if (exp + this.leeway.toSeconds() <= nowSeconds) {
			return result.fail("invalid_grant", "the assertion expired " + (nowSeconds - exp) + " s ago");
		}
		if (!this.allowedScopes.isEmpty()) {
			for (Object scope : scopes) {
				if (!this.allowedScopes.contains(scope)) {
					return result.fail("invalid_scope", "scope '" + scope + "' is not granted to this company");
				}
			}
		}
		result.companyUri = key.companyUri();
		result.scopes = scopes.stream().map(String.class::cast).toList();
		return result;
	}

	static String algorithm(PublicKey publicKey) {
		if (publicKey instanceof RSAPublicKey) {
			return "RS256";
		}
		int size = ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize();
		return switch (size) {
			case 256 -> "ES256";
			case 384 -> "ES384";
			default -> "ES512";
		};
	}

	private static boolean verifies(SignedJWT jwt, PublicKey publicKey) {
		try {
			JWSVerifier verifier = (publicKey instanceof RSAPublicKey rsa) ? new RSASSAVerifier(rsa)
					: new ECDSAVerifier((ECPublicKey) publicKey);
			return jwt.verify(verifier);
		}
		catch (JOSEException ex) {
			return false;
		}
	}

	/**
	 * A key registered for a kid, and the company it belongs to.
	 */
	record RegisteredKey(PublicKey publicKey, String companyUri) {

	}

	/**
	 * The outcome of a check.
	 */
	static final class Result {

		Map<String, Object> header = Map.of();

		Map<String, Object> claims = Map.of();

		String error;

		String description;

		String companyUri;

		List<String> scopes;

		Result fail(String error, String description) {
			this.error = error;
			this.description = description;
			return this;
		}

		boolean isValid() {
			return this.error == null;
		}

	}

}
