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
import java.security.MessageDigest;
import java.security.Signature;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * Does, on Spring Boot's background preinitialization thread while the application
 * starts, the slow first-time work that reading and checking Ankor's key needs: the
 * JDK's security providers, and the PEM, Nimbus curve and Spring Security classes. Startup then
 * checks the key without waiting for them. Nothing is read and nothing is kept.
 *
 * @author Ankor starter team
 */
final class AnkorBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		KeyFactory.getInstance("EC");
		KeyFactory.getInstance("RSA");
		Signature.getInstance("SHA256withECDSA");
		Signature.getInstance("SHA256withRSA");
		MessageDigest.getInstance("SHA-256");
		PemContent.isPresentInText("");
		Curve.forJWSAlgorithm(JWSAlgorithm.ES256);
		ClientRegistration.withRegistrationId("ankor").authorizationGrantType(AuthorizationGrantType.JWT_BEARER);
	}

}
