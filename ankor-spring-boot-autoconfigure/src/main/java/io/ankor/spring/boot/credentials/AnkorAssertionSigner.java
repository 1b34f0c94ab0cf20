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
package io.ankor.spring.boot.credentials;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Mints the short-lived JWT that Ankor's token endpoint exchanges for an access token:
 * header {@code alg}, {@code kid}, {@code typ}; claims exactly {@code scopes},
 * {@code iss}, {@code sub}, {@code aud} (a JSON string), {@code iat} and {@code exp}. Each
 * call signs a fresh assertion with Nimbus, which needs the private key only.
 *
 * @author Ankor starter team
 */
public final class AnkorAssertionSigner {

	private final AnkorCredentials credentials;

	private final String audience;

	private final List<String> scopes;

	private final Duration lifetime;

	private final Clock clock;

	/**
	 * Nimbus's signer and the JWS header, made at the first assertion: startup loads no
	 * signing or JWT code.
	 */
	private volatile @Nullable Signing signing;

	private volatile Duration clockOffset = Duration.ZERO;

	/**
	 * Creates a signer.
	 * @param credentials the credentials
	 * @param audience the {@code aud} claim
	 * @param scopes the {@code scopes} claim
	 * @param lifetime {@code exp} minus {@code iat}
	 * @param clock the clock that dates assertions
	 */
	public AnkorAssertionSigner(AnkorCredentials credentials, String audience, List<String> scopes, Duration lifetime,
			Clock clock) {
		this.credentials = credentials;
		this.audience = audience;
		this.scopes = List.copyOf(scopes);
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * The credentials this signer signs with.
	 * @return the credentials
	 */
	public AnkorCredentials getCredentials() {
		return this.credentials;
	}

	/**
	 * Signs a new assertion, issued now (by the clock, corrected by the offset).
	 * @return the signed assertion
	 */
	public Jwt sign() {
		Instant issuedAt = this.clock.instant().plus(this.clockOffset).truncatedTo(ChronoUnit.SECONDS);
		Signing signing = this.signing;
		if (signing == null) {
			signing = new Signing(this.credentials);
			this.signing = signing;
		}
		return signing.sign(this.credentials.getCompanyUri(), this.audience, this.scopes, issuedAt,
				issuedAt.plus(this.lifetime));
	}

	/**
	 * Shifts the time of later assertions, when the token endpoint's clock is known to
	 * differ from ours.
	 * @param offset how far the server's clock is ahead of ours (negative when behind)
	 */
	public void setClockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	/**
	 * How far later assertions are shifted from the clock.
	 * @return the offset, zero unless corrected
	 */
	public Duration getClockOffset() {
		return this.clockOffset;
	}

	@Override
	public String toString() {
		return "AnkorAssertionSigner[" + this.credentials + ", audience=" + this.audience + ", scopes=" + this.scopes
				+ ", lifetime=" + this.lifetime + "]";
	}

	/** What signing needs from Nimbus and Spring Security: made at the first assertion. */
	private static final class Signing {

		private final JWSSigner signer;

		private final JWSHeader header;

		Signing(AnkorCredentials credentials) {
			this.signer = signer(credentials.getPrivateKey());
			this.header = new JWSHeader.Builder(JWSAlgorithm.parse(credentials.getAlgorithm().getName()))
				.keyID(credentials.getKeyId())
				.type(JOSEObjectType.JWT)
				.build();
		}

		private static JWSSigner signer(PrivateKey privateKey) {
			try {
				return (privateKey instanceof ECPrivateKey ec) ? new ECDSASigner(ec) : new RSASSASigner(privateKey);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Nimbus cannot sign with this " + privateKey.getAlgorithm() + " key",
						ex);
			}
		}

		Jwt sign(String companyUri, String audience, List<String> scopes, Instant issuedAt, Instant expiresAt) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("scopes", scopes)
				.issuer(companyUri)
				.audience(audience)
				.subject(companyUri)
				.issueTime(Date.from(issuedAt))
				.expirationTime(Date.from(expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(this.header, claims);
			try {
				jwt.sign(this.signer);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Signing an Ankor assertion failed", ex);
			}
			return Jwt.withTokenValue(jwt.serialize())
				.headers((headers) -> headers.putAll(this.header.toJSONObject()))
				.claim("scopes", scopes)
				.issuer(companyUri)
				.audience(List.of(audience))
				.subject(companyUri)
				.issuedAt(issuedAt)
				.expiresAt(expiresAt)
				.build();
		}

	}

}
