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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.Curve;
import io.ankor.spring.boot.AnkorConfigurationException;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

/**
 * Parses and checks the keys of PEM text: the private key (RSA of at least
 * {@value AnkorKeys#MIN_RSA_BITS} bits, or EC on a curve a JWS algorithm names), a public
 * key or certificate, and whether the two make a pair. Every error names the property and
 * never repeats the key.
 *
 * @author Ankor starter team
 */
final class PemKeys {

	private static final Pattern PUBLIC_KEY_PEM = Pattern
		.compile("-+BEGIN\\s+PUBLIC\\s+KEY-+\\s*([A-Za-z0-9+/=\\s]+?)\\s*-+END\\s+PUBLIC\\s+KEY-+");

	private static final byte[] PROBE = "ankor-key-check".getBytes(StandardCharsets.US_ASCII);

	private PemKeys() {
	}

	static PrivateKey loadPrivateKey(String property, String origin, String pem) {
		if (!PemContent.isPresentInText(pem)) {
			throw new AnkorConfigurationException(property, origin + "holds no PEM content",
					"Set '" + property + "' to the whole PEM block, including the '-----BEGIN ...-----' and "
							+ "'-----END ...-----' lines.");
		}
		if (!pem.contains("PRIVATE KEY") && (pem.contains("PUBLIC KEY") || pem.contains("CERTIFICATE"))) {
			throw new AnkorConfigurationException(property,
					origin + "is a " + (pem.contains("CERTIFICATE") ? "certificate" : "public key")
							+ ", not the private key",
					"Set '" + property + "' to the private key Ankor generated with it (Settings > Key generation); "
							+ "the public key, if you want startup to check the pair, goes in the public-key "
							+ "property.");
		}
		if (pem.contains("ENCRYPTED PRIVATE KEY")) {
			throw new AnkorConfigurationException(property, origin + "is an encrypted PEM key",
					"Decrypt the key first, for example with 'openssl pkcs8 -topk8 -nocrypt -in key.pem', "
							+ "and set '" + property + "' to the result.");
		}
		PrivateKey key;
		try {
			key = PemContent.of(pem).getPrivateKey();
		}
		catch (RuntimeException ex) {
			key = null;
		}
		if (key == null) {
			throw new AnkorConfigurationException(property,
					origin + "is not a readable PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key",
					"Set '" + property + "' to the private key generated in Ankor under Settings > Key generation, "
							+ "copied whole; a public key or certificate does not work here.");
		}
		return key;
	}

	static PublicKey parsePublicKey(String property, String origin, String pem) {
		Matcher matcher = PUBLIC_KEY_PEM.matcher(pem);
		try {
			if (matcher.find()) {
				byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
				for (String algorithm : List.of("RSA", "EC")) {
					try {
						return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
					}
					catch (GeneralSecurityException ex) {
						// try the next algorithm
					}
				}
			}
			else if (pem.contains("CERTIFICATE")) {
				return PemContent.of(pem).getCertificates().get(0).getPublicKey();
			}
		}
		catch (RuntimeException ex) {
			// reported below
		}
		throw new AnkorConfigurationException(property, origin + "is not a readable PEM public key or certificate",
				"Set '" + property + "' to the '-----BEGIN PUBLIC KEY-----' block Ankor generated, or remove it.");
	}

	/**
	 * The JWS algorithm of a private key. An EC key is known by its curve's parameters, not
	 * its field size: only NIST P-256, P-384 and P-521 are used by JWS.
	 */
	static SignatureAlgorithm algorithmFor(String property, String origin, PrivateKey key) {
		String supported = "Use an RSA key of at least " + AnkorKeys.MIN_RSA_BITS
				+ " bits or an EC key on P-256, P-384 or P-521 for '" + property + "'.";
		if (key instanceof RSAPrivateKey rsa && "RSA".equals(key.getAlgorithm())) {
			int bits = rsa.getModulus().bitLength();
			if (bits < AnkorKeys.MIN_RSA_BITS) {
				throw new AnkorConfigurationException(property,
						origin + "is an RSA key of " + bits + " bits, too weak to sign Ankor assertions",
						"Generate a new key in Ankor (Settings > Key generation) or an RSA key of at least "
								+ AnkorKeys.MIN_RSA_BITS + " bits, and set '" + property + "' and the key id to it.");
			}
			return SignatureAlgorithm.RS256;
		}
		if (key instanceof ECPrivateKey ec) {
			Curve curve = Curve.forECParameterSpec(ec.getParams());
			if (Curve.P_256.equals(curve)) {
				return SignatureAlgorithm.ES256;
			}
			if (Curve.P_384.equals(curve)) {
				return SignatureAlgorithm.ES384;
			}
			if (Curve.P_521.equals(curve)) {
				return SignatureAlgorithm.ES512;
			}
			throw new AnkorConfigurationException(property,
					origin + "is an EC key on " + ((curve != null) ? curve.getName() : "a curve")
							+ " that Ankor does not use",
					supported);
		}
		throw new AnkorConfigurationException(property, origin + "is a " + key.getAlgorithm() + " key", supported);
	}

	/** Whether a public key verifies what the private key signs. */
	static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
		if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
			return false;
		}
		String algorithm = (privateKey instanceof ECPrivateKey) ? "SHA256withECDSA" : "SHA256withRSA";
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(privateKey);
			signer.update(PROBE);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(PROBE);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
