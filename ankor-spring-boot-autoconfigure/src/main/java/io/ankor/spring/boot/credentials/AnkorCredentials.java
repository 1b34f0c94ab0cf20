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

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * The identity the starter signs assertions with: company URI, key id and private key.
 * Its {@link #toString()} never shows key material.
 *
 * @author Ankor starter team
 */
public final class AnkorCredentials {

	private final String companyUri;

	private final String keyId;

	private final PrivateKey privateKey;

	private final SignatureAlgorithm algorithm;

	private final String contentDigest;

	AnkorCredentials(String companyUri, String keyId, PrivateKey privateKey, SignatureAlgorithm algorithm,
			String contentDigest) {
		this.companyUri = companyUri;
		this.keyId = keyId;
		this.privateKey = privateKey;
		this.algorithm = algorithm;
		this.contentDigest = contentDigest;
	}

	/**
	 * The company URI: {@code iss} and {@code sub} of every assertion.
	 * @return the company URI
	 */
	public String getCompanyUri() {
		return this.companyUri;
	}

	/**
	 * The Key ID: {@code kid} header of every assertion.
	 * @return the key id
	 */
	public String getKeyId() {
		return this.keyId;
	}

	/**
	 * The JWS algorithm the key signs with (RS256, ES256, ES384 or ES512).
	 * @return the algorithm
	 */
	public SignatureAlgorithm getAlgorithm() {
		return this.algorithm;
	}

	/**
	 * A SHA-256 digest of exactly what these credentials were loaded from: the Key ID,
	 * private key and public key as given or as their files held them when read. It
	 * equals {@link AnkorKeys#contentDigest} of the same values and file contents.
	 * @return the digest, in hex
	 */
	public String getContentDigest() {
		return this.contentDigest;
	}

	PrivateKey getPrivateKey() {
		return this.privateKey;
	}

	@Override
	public String toString() {
		return "AnkorCredentials[companyUri=" + this.companyUri + ", keyId=" + this.keyId + ", algorithm="
				+ this.algorithm.getName() + ", key=<hidden>]";
	}

}
