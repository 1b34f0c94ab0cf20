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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.ankor.spring.boot.AnkorConfigurationException;
import io.ankor.spring.boot.credentials.AnkorAssertionSigner;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link AnkorKeys}.
 */
class AnkorKeysTests {

	private final DefaultResourceLoader resourceLoader = new DefaultResourceLoader();

	@ParameterizedTest
	@CsvSource({ "rsa-pkcs8.pem, RS256", "rsa-pkcs1.pem, RS256", "ec-p256-sec1.pem, ES256", "ec-p384-pkcs8.pem, ES384",
			"ec-p521-pkcs8.pem, ES512" })
	void readsKeysAsOpensslWritesThem(String file, String algorithm) {
		AnkorCredentials credentials = credentials("classpath:keys/" + file, null);
		assertThat(credentials.getAlgorithm().getName()).isEqualTo(algorithm);
	}

	@Test
	void theBackgroundPreinitializerParsesItsKeyWithoutFailing() {
		// Spring Boot ignores its failures, so that a broken warm-up would only make startup slower
		assertThatNoException().isThrownBy(() -> new AnkorBackgroundPreinitializer().preinitialize());
	}

	@Test
	void derivesThePublicKeyThatOpensslWrote() throws IOException {
		assertThat(credentials("classpath:keys/rsa-pkcs8.pem", "classpath:keys/rsa-public.pem")).isNotNull();
		assertThat(credentials("classpath:keys/ec-p256-sec1.pem", "classpath:keys/ec-p256-public.pem")).isNotNull();
	}

	@ParameterizedTest
	@CsvSource({ "secp256r1, 1.2.840.10045.3.1.7", "secp384r1, 1.3.132.0.34", "secp521r1, 1.3.132.0.35" })
	void signsWithGeneratedEcKeysInSec1AndChecksTheirPublicKey(String curve, String oid) throws Exception {
		for (int i = 0; i < 5; i++) {
			KeyPair keyPair = TestKeys.ec(curve);
			AnkorCredentials fromSec1 = credentials(TestKeys.sec1(keyPair, oid), TestKeys.publicKey(keyPair));
			assertSignsFor(fromSec1, keyPair.getPublic());
		}
	}

	@Test
	void readsGeneratedRsaKeysInPkcs8AndPkcs1() throws Exception {
		KeyPair keyPair = TestKeys.rsa(2048);
		assertSignsFor(credentials(TestKeys.pkcs8(keyPair), TestKeys.publicKey(keyPair)), keyPair.getPublic());
		assertSignsFor(credentials(TestKeys.pkcs1(keyPair), TestKeys.publicKey(keyPair)), keyPair.getPublic());
	}

	@Test
	void toleratesCrlfIndentationSurroundingBlanksAndEscapedNewlines() throws Exception {
		KeyPair keyPair = TestKeys.rsa(2048);
		String pem = TestKeys.pkcs8(keyPair);
		String crlf = "\r\n  " + pem.replace("\n", " \r\n    ") + "\r\n\t";
		assertSignsFor(credentials(crlf, null), keyPair.getPublic());
		String escaped = pem.replace("\n", "\\n");
		assertThat(escaped).doesNotContain("\n");
		assertSignsFor(credentials(escaped, null), keyPair.getPublic());
	}

	@Test
	void readsFileLocations(@TempDir Path directory) throws Exception {
		KeyPair keyPair = TestKeys.ec("secp256r1");
		Path file = directory.resolve("ankor.pem");
		Files.writeString(file, TestKeys.pkcs8(keyPair), StandardCharsets.UTF_8);
		assertSignsFor(credentials("file:" + file, null), keyPair.getPublic());
	}

	@ParameterizedTest
	@CsvSource({ "secp256k1, 1.3.132.0.10", "brainpoolP256r1, 1.3.36.3.3.2.8.1.1.7" })
	void refusesEcKeysOnCurvesAnkorDoesNotUse(String curve, String oid) {
		String pem = TestKeys.sec1(TestKeys.ec("secp256r1"), oid);
		assertThatExceptionOfType(AnkorConfigurationException.class).as(curve)
			.isThrownBy(() -> credentials(pem, null))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.private-key"))
			.satisfies((ex) -> assertNoKeyMaterial(ex, pem));
	}

	@Test
	void refusesWeakRsaKeys() throws IOException {
		String pem = new ClassPathResource("keys/rsa-1024-pkcs1.pem").getContentAsString(StandardCharsets.UTF_8);
		assertThatExceptionOfType(AnkorConfigurationException.class).isThrownBy(() -> credentials(pem, null))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.private-key"))
			.withMessageContaining("1024 bits")
			.satisfies((ex) -> assertNoKeyMaterial(ex, pem));
	}

	@Test
	void refusesAPublicKeyThatDoesNotMatch() {
		KeyPair keyPair = TestKeys.rsa(2048);
		String other = TestKeys.publicKey(TestKeys.rsa(2048));
		String privateKey = TestKeys.pkcs8(keyPair);
		assertThatExceptionOfType(AnkorConfigurationException.class)
			.isThrownBy(() -> credentials(privateKey, other))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.public-key"))
			.withMessageContaining("does not match")
			.satisfies((ex) -> assertNoKeyMaterial(ex, privateKey))
			.satisfies((ex) -> assertNoKeyMaterial(ex, other));
	}

	@Test
	void refusesAPublicKeyOfAnotherAlgorithm() {
		KeyPair keyPair = TestKeys.rsa(2048);
		String ecPublic = TestKeys.publicKey(TestKeys.ec("secp256r1"));
		assertThatExceptionOfType(AnkorConfigurationException.class)
			.isThrownBy(() -> credentials(TestKeys.pkcs8(keyPair), ecPublic))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.public-key"));
	}

	@Test
	void refusesGarbledKeysWithoutRepeatingThem() {
		String pem = TestKeys.pkcs8(TestKeys.rsa(2048));
		String garbled = pem.substring(0, 200) + "!!!" + pem.substring(260);
		assertThatExceptionOfType(AnkorConfigurationException.class).isThrownBy(() -> credentials(garbled, null))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.private-key"))
			.satisfies((ex) -> assertNoKeyMaterial(ex, garbled));
	}

	@Test
	void refusesTextThatIsNeitherPemNorALocation() {
		String base64Only = TestKeys.pkcs8(TestKeys.rsa(2048)).lines().skip(1).limit(5).reduce("", String::concat);
		assertThatExceptionOfType(AnkorConfigurationException.class).isThrownBy(() -> credentials(base64Only, null))
			.withMessageContaining("neither PEM text nor a 'classpath:' or 'file:' location")
			.satisfies((ex) -> assertNoKeyMaterial(ex, base64Only));
	}

	@Test
	void refusesEncryptedKeysWithAHint() {
		assertThatExceptionOfType(AnkorConfigurationException.class)
			.isThrownBy(() -> credentials("classpath:keys/rsa-encrypted.pem", null))
			.withMessageContaining("encrypted");
	}

	@Test
	void refusesMissingFiles() {
		assertThatExceptionOfType(AnkorConfigurationException.class)
			.isThrownBy(() -> credentials("file:/does/not/exist.pem", null))
			.withMessageContaining("file:/does/not/exist.pem")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("ankor.private-key"));
	}

	@Test
	void credentialsHideTheKeyInToString() {
		KeyPair keyPair = TestKeys.rsa(2048);
		AnkorCredentials credentials = credentials(TestKeys.pkcs8(keyPair), null);
		assertThat(credentials.toString()).contains("https://ankor.io/company/1", "kid-1", "RS256", "<hidden>");
		assertNoKeyMaterial(credentials.toString(), TestKeys.pkcs8(keyPair));
	}

	static void assertNoKeyMaterial(Throwable ex, String pem) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			assertNoKeyMaterial(String.valueOf(cause.getMessage()), pem);
		}
	}

	static void assertNoKeyMaterial(String text, String pem) {
		pem.lines()
			.map(String::strip)
			.filter((line) -> !line.startsWith("-----") && line.length() >= 16)
			.forEach((line) -> assertThat(text).doesNotContain(line.substring(0, 16)));
	}

	/** Signs an assertion with the credentials and verifies it with the public key. */
	private static void assertSignsFor(AnkorCredentials credentials, PublicKey publicKey) throws Exception {
		AnkorAssertionSigner signer = new AnkorAssertionSigner(credentials, "ankor.io", List.of("website:read:*"),
				Duration.ofMinutes(5), Clock.systemUTC());
		SignedJWT jwt = SignedJWT.parse(signer.sign().getTokenValue());
		JWSVerifier verifier = (publicKey instanceof ECPublicKey ec) ? new ECDSAVerifier(ec)
				: new RSASSAVerifier((RSAPublicKey) publicKey);
		assertThat(jwt.verify(verifier)).isTrue();
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(credentials.getAlgorithm().getName());
	}

	private AnkorCredentials credentials(String privateKey, String publicKey) {
		return AnkorKeys.load("ankor", "https://ankor.io/company/1", "kid-1", privateKey, publicKey,
				this.resourceLoader);
	}

}
