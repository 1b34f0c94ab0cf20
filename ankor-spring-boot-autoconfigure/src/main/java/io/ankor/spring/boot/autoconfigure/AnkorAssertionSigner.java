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

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints the short-lived JWT that Ankor's token endpoint exchanges for an access token:
 * header {@code alg}, {@code kid}, {@code typ}; claims exactly {@code scopes},
 * {@code iss}, {@code sub}, {@code aud}, {@code iat} and {@code exp}. Each call signs a
 * fresh assertion with Spring Security's {@link NimbusJwtEncoder}.
 *
 * @author Ankor starter team
 */
public class AnkorAssertionSigner {

	private final AnkorCredentials credentials;

	private final String audience;

	private final List<String> scopes;

	private final Duration lifetime;

	private final Clock clock;

	private final NimbusJwtEncoder encoder;

	private volatile Duration clockOffset = Duration.ZERO;

	AnkorAssertionSigner(AnkorCredentials credentials, String audience, List<String> scopes, Duration lifetime,
			Clock clock) {
		this.credentials = credentials;
		this.audience = audience;
		this.scopes = List.copyOf(scopes);
		this.lifetime = lifetime;
		this.clock = clock;
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(jwk(credentials))));
	}

	private static JWK jwk(AnkorCredentials credentials) {
		var keyPair = credentials.getKeyPair();
		if (keyPair.getPublic() instanceof RSAPublicKey publicKey) {
			return new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) keyPair.getPrivate())
				.keyID(credentials.getKeyId())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(credentials.getJwsAlgorithm())
				.build();
		}
		ECPublicKey publicKey = (ECPublicKey) keyPair.getPublic();
		return new ECKey.Builder(Curve.forECParameterSpec(publicKey.getParams()), publicKey)
			.privateKey((ECPrivateKey) keyPair.getPrivate())
			.keyID(credentials.getKeyId())
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(credentials.getJwsAlgorithm())
			.build();
	}

	/**
	 * Signs a new assertion, issued now.
	 * @return the signed assertion
	 */
	public Jwt sign() {
		Instant issuedAt = this.clock.instant().plus(this.clockOffset).truncatedTo(ChronoUnit.SECONDS);
		JwsHeader header = JwsHeader.with(this.credentials.getAlgorithm())
			.keyId(this.credentials.getKeyId())
			.type("JWT")
			.build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.claim("scopes", this.scopes)
			.issuer(this.credentials.getCompanyUri())
			.audience(List.of(this.audience))
			.subject(this.credentials.getCompanyUri())
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(this.lifetime))
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims));
	}

	/**
	 * Shifts the time of later assertions, when the token endpoint's clock is known to
	 * differ from ours.
	 * @param offset how far the server's clock is ahead of ours (negative when behind)
	 */
	void setClockOffset(Duration offset) {
		this.clockOffset = offset;
	}

	Duration getClockOffset() {
		return this.clockOffset;
	}

	@Override
	public String toString() {
		return "AnkorAssertionSigner[" + this.credentials + ", audience=" + this.audience + ", scopes=" + this.scopes
				+ ", lifetime=" + this.lifetime + "]";
	}

}
