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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StreamUtils;

/**
 * Reads a public key as Ankor's key generation shows it: a {@code -----BEGIN PUBLIC
 * KEY-----} PEM block, given as text or at a {@code classpath:} or {@code file:}
 * location.
 *
 * @author Ankor starter team
 */
final class PublicKeys {

	private static final Pattern PEM = Pattern
		.compile("-+BEGIN\\s+PUBLIC\\s+KEY-+\\s*([A-Za-z0-9+/=\\s\\\\n]+?)\\s*-+END\\s+PUBLIC\\s+KEY-+");

	private PublicKeys() {
	}

	static PublicKey read(String pemOrLocation) {
		return read(pemOrLocation, new DefaultResourceLoader());
	}

	static PublicKey read(String pemOrLocation, ResourceLoader resourceLoader) {
		String text = pemOrLocation.strip();
		if (!text.contains("-----BEGIN")) {
			try (InputStream in = resourceLoader.getResource(text).getInputStream()) {
				text = StreamUtils.copyToString(in, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				// a location is named; text that is neither PEM nor a location is not repeated
				boolean location = text.startsWith("file:") || text.startsWith("classpath:");
				throw new UncheckedIOException("Cannot read a public key" + (location ? " at '" + text + "'" : ""), ex);
			}
		}
		if (text.contains("-----BEGIN CERTIFICATE-----")) {
			try {
				return CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))
					.getPublicKey();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException("Not a readable certificate", ex);
			}
		}
		Matcher matcher = PEM.matcher(text);
		if (!matcher.find()) {
			throw new IllegalArgumentException("Not a '-----BEGIN PUBLIC KEY-----' PEM block or a certificate");
		}
		byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).replace("\\n", ""));
		for (String algorithm : new String[] { "EC", "RSA" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// the other algorithm
			}
		}
		throw new IllegalArgumentException("Not an RSA or EC public key");
	}

}
