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

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;

/**
 * A throwaway Ankor identity for tests: company URI, key id and a freshly generated key
 * pair, with the key pair in the PEM forms {@code ankor.private-key} and
 * {@code ankor.public-key} take. {@link #toString()} never shows the private key.
 *
 * @author Ankor starter team
 */
public final class AnkorTestCredentials {

	private final String companyUri;

	private final String keyId;

	private final KeyPair keyPair;

	private AnkorTestCredentials(String companyUri, String keyId, KeyPair keyPair) {
		this.companyUri = companyUri;
		this.keyId = keyId;
		this.keyPair = keyPair;
	}

	/**
	 * Generates credentials with an EC P-256 key (signed as ES256).
	 * @return new credentials
	 */
	public static AnkorTestCredentials generate() {
		return of("https://calendars.ankor.io/company/test-" + UUID.randomUUID().toString().substring(0, 8),
				"test-kid-" + UUID.randomUUID().toString().substring(0, 8), generateEcKeyPair());
	}

	/**
	 * Generates credentials with a 2048-bit RSA key (signed as RS256).
	 * @return new credentials
	 */
	public static AnkorTestCredentials generateRsa() {
		return of("https://calendars.ankor.io/company/test-" + UUID.randomUUID().toString().substring(0, 8),
				"test-kid-" + UUID.randomUUID().toString().substring(0, 8), generateRsaKeyPair());
	}

	/**
	 * Credentials from known parts.
	 * @param companyUri the company URI
	 * @param keyId the key id
	 * @param keyPair the key pair (RSA or EC)
	 * @return the credentials
	 */
	public static AnkorTestCredentials of(String companyUri, String keyId, KeyPair keyPair) {
		return new AnkorTestCredentials(companyUri, keyId, keyPair);
	}

	/**
	 * A new Key ID and EC key pair of the same company, as Ankor's Settings, Key
	 * generation, Generate makes them: for tests of key rotation.
	 * @return the new credentials
	 * @see AnkorSimulator#registerKey(AnkorTestCredentials)
	 * @see AnkorSimulator#retireKey(String)
	 */
	public AnkorTestCredentials withNewKey() {
		return of(this.companyUri, "test-kid-" + UUID.randomUUID().toString().substring(0, 8), generateEcKeyPair());
	}

	static KeyPair generateEcKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an EC key pair", ex);
		}
	}

	static KeyPair generateRsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an RSA key pair", ex);
		}
	}

	public String getCompanyUri() {
		return this.companyUri;
	}

	public String getKeyId() {
		return this.keyId;
	}

	public KeyPair getKeyPair() {
		return this.keyPair;
	}

	/**
	 * The private key as PKCS#8 PEM, the value for {@code ankor.private-key}.
	 * @return PEM text
	 */
	public String getPrivateKeyPem() {
		return pem("PRIVATE KEY", this.keyPair.getPrivate().getEncoded());
	}

	/**
	 * The public key as X.509 PEM, the value for {@code ankor.public-key}.
	 * @return PEM text
	 */
	public String getPublicKeyPem() {
		return pem("PUBLIC KEY", this.keyPair.getPublic().getEncoded());
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	@Override
	public String toString() {
		return "AnkorTestCredentials[companyUri=" + this.companyUri + ", keyId=" + this.keyId + ", key="
				+ this.keyPair.getPublic().getAlgorithm() + "]";
	}

}
