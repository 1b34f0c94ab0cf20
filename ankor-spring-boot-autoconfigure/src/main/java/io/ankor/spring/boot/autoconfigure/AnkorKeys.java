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

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.KeyAgreement;

import io.ankor.spring.boot.AnkorConfigurationException;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.util.StreamUtils;

/**
 * Loads the key pair named by {@code ankor.private-key} and {@code ankor.public-key}.
 * Every error names the property and never repeats the key.
 *
 * @author Ankor starter team
 */
final class AnkorKeys {

	static final int MIN_RSA_BITS = 2048;

	private static final String PRIVATE_KEY = "ankor.private-key";

	private static final String PUBLIC_KEY = "ankor.public-key";

	private static final Pattern PUBLIC_KEY_PEM = Pattern
		.compile("-+BEGIN\\s+PUBLIC\\s+KEY-+\\s*([A-Za-z0-9+/=\\s]+?)\\s*-+END\\s+PUBLIC\\s+KEY-+");

	private AnkorKeys() {
	}

	/**
	 * Builds the credentials from validated properties.
	 * @param properties the properties
	 * @param resourceLoader loads {@code classpath:} and {@code file:} locations
	 * @return the credentials
	 */
	static AnkorCredentials credentials(AnkorProperties properties, ResourceLoader resourceLoader) {
		PrivateKey privateKey = loadPrivateKey(read(PRIVATE_KEY, properties.getPrivateKey(), resourceLoader));
		PublicKey publicKey = derivePublicKey(privateKey);
		if (properties.getPublicKey() != null && !properties.getPublicKey().isBlank()) {
			PublicKey given = parsePublicKey(read(PUBLIC_KEY, properties.getPublicKey(), resourceLoader));
			if (!given.getAlgorithm().equals(publicKey.getAlgorithm())
					|| !Arrays.equals(given.getEncoded(), publicKey.getEncoded())) {
				throw new AnkorConfigurationException(PUBLIC_KEY, "does not match 'ankor.private-key'",
						"Set 'ankor.public-key' to the public key generated with this private key in Ankor "
								+ "(Settings > Key generation), or remove 'ankor.public-key'.");
			}
		}
		SignatureAlgorithm algorithm = algorithmFor(publicKey);
		return new AnkorCredentials(properties.getCompanyUri().strip(), properties.getKeyId().strip(),
				new KeyPair(publicKey, privateKey), algorithm);
	}

	/**
	 * Reads PEM text, or the content at a {@code classpath:} or {@code file:} location.
	 * @param property the property the value came from
	 * @param value the value
	 * @param resourceLoader the resource loader
	 * @return normalised PEM text
	 */
	static String read(String property, String value, ResourceLoader resourceLoader) {
		String text = value.strip();
		if (text.contains("-----BEGIN")) {
			return normalise(text);
		}
		if (!(text.startsWith("classpath:") || text.startsWith("file:"))) {
			throw new AnkorConfigurationException(property, "is neither PEM text nor a 'classpath:' or 'file:' location",
					"Set '" + property + "' to the PEM text (starting with '-----BEGIN') or to a location such as "
							+ "'file:/etc/ankor/private-key.pem'.");
		}
		Resource resource = resourceLoader.getResource(text);
		try (InputStream in = resource.getInputStream()) {
			return normalise(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AnkorConfigurationException(property, "names '" + text + "', which cannot be read ("
					+ ex.getClass().getSimpleName() + ")",
					"Check that the location in '" + property + "' exists and is readable by the application.");
		}
	}

	/** Turns escaped newlines into real ones and trims every line, as PEM parsers want. */
	private static String normalise(String text) {
		return text.replace("\\r\\n", "\n")
			.replace("\\n", "\n")
			.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.collect(Collectors.joining("\n", "", "\n"));
	}

	private static PrivateKey loadPrivateKey(String pem) {
		if (!PemContent.isPresentInText(pem)) {
			throw new AnkorConfigurationException(PRIVATE_KEY, "holds no PEM content",
					"Set 'ankor.private-key' to the whole PEM block, including the '-----BEGIN ...-----' and "
							+ "'-----END ...-----' lines.");
		}
		if (pem.contains("ENCRYPTED PRIVATE KEY")) {
			throw new AnkorConfigurationException(PRIVATE_KEY, "is an encrypted PEM key",
					"Decrypt the key first, for example with 'openssl pkcs8 -topk8 -nocrypt -in key.pem', "
							+ "and set 'ankor.private-key' to the result.");
		}
		PrivateKey key;
		try {
			key = PemContent.of(pem).getPrivateKey();
		}
		catch (RuntimeException ex) {
			key = null;
		}
		if (key == null) {
			throw new AnkorConfigurationException(PRIVATE_KEY,
					"is not a readable PKCS#8, PKCS#1 (RSA) or SEC1 (EC) private key",
					"Set 'ankor.private-key' to the private key generated in Ankor under Settings > Key generation, "
							+ "copied whole; a public key or certificate does not work here.");
		}
		return key;
	}

	private static PublicKey parsePublicKey(String pem) {
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
		throw new AnkorConfigurationException(PUBLIC_KEY, "is not a readable PEM public key or certificate",
				"Set 'ankor.public-key' to the '-----BEGIN PUBLIC KEY-----' block Ankor generated, or remove it.");
	}

	private static SignatureAlgorithm algorithmFor(PublicKey publicKey) {
		if (publicKey instanceof RSAPublicKey rsa) {
			int bits = rsa.getModulus().bitLength();
			if (bits < MIN_RSA_BITS) {
				throw new AnkorConfigurationException(PRIVATE_KEY,
						"is an RSA key of " + bits + " bits, too weak to sign Ankor assertions",
						"Generate a new key in Ankor (Settings > Key generation) or an RSA key of at least "
								+ MIN_RSA_BITS + " bits, and set 'ankor.private-key' and 'ankor.key-id' to it.");
			}
			return SignatureAlgorithm.RS256;
		}
		ECPublicKey ec = (ECPublicKey) publicKey;
		return switch (ec.getParams().getCurve().getField().getFieldSize()) {
			case 256 -> SignatureAlgorithm.ES256;
			case 384 -> SignatureAlgorithm.ES384;
			case 521 -> SignatureAlgorithm.ES512;
			default -> throw new AnkorConfigurationException(PRIVATE_KEY, "is an EC key on an unsupported curve",
					"Use an EC key on P-256, P-384 or P-521, or an RSA key, for 'ankor.private-key'.");
		};
	}

	/**
	 * The public half of a private key. RSA CRT keys carry it; for EC keys it is computed
	 * with the JDK's own ECDH (which yields the x coordinate of d·G) and the sign of y is
	 * chosen by verifying a signature.
	 */
	static PublicKey derivePublicKey(PrivateKey privateKey) {
		try {
			if (privateKey instanceof RSAPrivateCrtKey rsa) {
				return KeyFactory.getInstance("RSA")
					.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
			}
			if (privateKey instanceof ECPrivateKey ec) {
				return deriveEcPublicKey(ec);
			}
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new AnkorConfigurationException(PRIVATE_KEY, "could not be used (" + ex.getClass().getSimpleName() + ")",
					"Use an RSA key of at least " + MIN_RSA_BITS + " bits or an EC key on P-256, P-384 or P-521.");
		}
		throw new AnkorConfigurationException(PRIVATE_KEY, "is a " + privateKey.getAlgorithm() + " key",
				"Use an RSA key of at least " + MIN_RSA_BITS + " bits or an EC key on P-256, P-384 or P-521.");
	}

	private static PublicKey deriveEcPublicKey(ECPrivateKey privateKey) throws GeneralSecurityException {
		ECParameterSpec params = privateKey.getParams();
		EllipticCurve curve = params.getCurve();
		ECField field = curve.getField();
		if (!(field instanceof ECFieldFp primeField)) {
			throw new GeneralSecurityException("binary curves are not supported");
		}
		KeyFactory factory = KeyFactory.getInstance("EC");
		PublicKey generator = factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params));
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
		agreement.init(privateKey);
		agreement.doPhase(generator, true);
		BigInteger p = primeField.getP();
		BigInteger x = new BigInteger(1, agreement.generateSecret());
		// y² = x³ + ax + b; every NIST prime curve has p ≡ 3 (mod 4), so a root is rhs^((p+1)/4)
		BigInteger rhs = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
		BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
		if (!y.multiply(y).mod(p).equals(rhs)) {
			throw new GeneralSecurityException("not a point on the curve");
		}
		byte[] probe = "ankor-key-check".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(privateKey);
		signer.update(probe);
		byte[] signature = signer.sign();
		for (BigInteger candidate : List.of(y, p.subtract(y))) {
			PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), params));
			Signature verifier = Signature.getInstance("SHA256withECDSA");
			verifier.initVerify(publicKey);
			verifier.update(probe);
			if (verifier.verify(signature)) {
				return publicKey;
			}
		}
		throw new GeneralSecurityException("no public point verifies");
	}

}
