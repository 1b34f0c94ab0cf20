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

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;

import com.nimbusds.jose.jwk.Curve;
import io.ankor.spring.boot.credentials.AnkorKeys;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Does, on Spring Boot's background preinitialization thread while the application
 * starts, the slow first-time work that reading and checking Ankor's key needs: the
 * JDK's security providers, and the PEM, Nimbus curve and Spring Security classes, by
 * parsing an EC key that is no secret. Startup then checks the key without waiting for
 * them. Nothing is read, nothing random is drawn and nothing is kept; Spring Boot ignores
 * a failure here (a JVM without EC, say), and the key is then read the slower way.
 *
 * @author Ankor starter team
 */
final class AnkorBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		AnkorKeys.digest("ankor", null);
		ClientRegistration.withRegistrationId("ankor").authorizationGrantType(AuthorizationGrantType.JWT_BEARER);
		KeyFactory.getInstance("RSA");
		Signature.getInstance("SHA256withRSA");
		Signature.getInstance("SHA256withECDSA");
		// the path a key takes at startup (PEM parsing tries RSA first), with a key that is no secret: the
		// scalar 1 on P-256, made without randomness
		AlgorithmParameters curve = AlgorithmParameters.getInstance("EC");
		curve.init(new ECGenParameterSpec("secp256r1"));
		byte[] pkcs8 = KeyFactory.getInstance("EC")
			.generatePrivate(new ECPrivateKeySpec(BigInteger.ONE, curve.getParameterSpec(ECParameterSpec.class)))
			.getEncoded();
		PrivateKey key = PemContent.of(pem("PRIVATE KEY", pkcs8)).getPrivateKey();
		if (key instanceof ECPrivateKey ec) {
			Curve.forECParameterSpec(ec.getParams());
		}
	}

	/** The PEM block of DER made here: the key's text is never in this source. */
	private static String pem(String label, byte[] der) {
		return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
				+ "-----\n";
	}

}
