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

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
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
 * parsing a throwaway EC key made here. Startup then checks the key without waiting for
 * them. Nothing is read and nothing is kept.
 *
 * @author Ankor starter team
 */
final class AnkorBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		KeyFactory.getInstance("RSA");
		Signature.getInstance("SHA256withECDSA");
		Signature.getInstance("SHA256withRSA");
		// the path a key takes at startup, with a throwaway key: PEM parsing tries RSA first
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
		PrivateKey key = PemContent.of("-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n").getPrivateKey();
		Curve.forECParameterSpec(((ECPrivateKey) key).getParams());
		AnkorKeys.digest("ankor", null);
		ClientRegistration.withRegistrationId("ankor").authorizationGrantType(AuthorizationGrantType.JWT_BEARER);
	}

}
