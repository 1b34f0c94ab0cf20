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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.stream.Collectors;

import io.ankor.spring.boot.AnkorConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.util.StreamUtils;
import org.springframework.util.StringUtils;

/**
 * Loads the credentials of an account: the private key named by {@code <prefix>.private-key}
 * and, when given, the public key of {@code <prefix>.public-key}, which must match it.
 * Every error names the property and never repeats the key.
 *
 * @author Ankor starter team
 */
public final class AnkorKeys {

	/** Smallest RSA key accepted. */
	public static final int MIN_RSA_BITS = 2048;

	private AnkorKeys() {
	}

	/**
	 * Loads credentials from validated values.
	 * @param prefix the prefix of the properties the values came from, such as
	 * {@code ankor}, for error messages
	 * @param companyUri the company URI
	 * @param keyId the key id, or a {@code classpath:} or {@code file:} location of a
	 * file that holds it (so that a rotated key and its id can be read from files
	 * together)
	 * @param privateKey PEM text of the private key, or a {@code classpath:} or
	 * {@code file:} location of it
	 * @param publicKey PEM text or location of the matching public key, or {@code null}
	 * @param resourceLoader loads {@code classpath:} and {@code file:} locations
	 * @return the credentials
	 * @throws AnkorConfigurationException naming the property at fault
	 */
	public static AnkorCredentials load(String prefix, String companyUri, String keyId, String privateKey,
			@Nullable String publicKey, ResourceLoader resourceLoader) {
		String privateKeyProperty = prefix + ".private-key";
		String publicKeyProperty = prefix + ".public-key";
		// each value read once: what is checked, used and digested is the same
		String keyIdText = content(prefix + ".key-id", keyId, resourceLoader);
		String privateKeyText = content(privateKeyProperty, privateKey, resourceLoader);
		String publicKeyText = StringUtils.hasText(publicKey) ? content(publicKeyProperty, publicKey, resourceLoader)
				: null;
		PrivateKey key = PemKeys.loadPrivateKey(privateKeyProperty, origin(privateKey),
				pem(privateKeyProperty, privateKey, privateKeyText));
		SignatureAlgorithm algorithm = PemKeys.algorithmFor(privateKeyProperty, origin(privateKey), key);
		if (publicKeyText != null) {
			PublicKey given = PemKeys.parsePublicKey(publicKeyProperty, origin(publicKey),
					pem(publicKeyProperty, publicKey, publicKeyText));
			if (!PemKeys.matches(key, given)) {
				throw new AnkorConfigurationException(publicKeyProperty, "does not match '" + privateKeyProperty + "'",
						"Set '" + publicKeyProperty + "' to the public key generated with this private key in Ankor "
								+ "(Settings > Key generation), or remove '" + publicKeyProperty + "'.");
			}
		}
		return new AnkorCredentials(companyUri.strip(), keyId(prefix + ".key-id", keyId, keyIdText), key, algorithm,
				digest(keyIdText, privateKeyText, publicKeyText));
	}

	/**
	 * A digest of what the Key ID, private key and public key properties hold now, file
	 * contents included: the {@link AnkorCredentials#getContentDigest() content digest} of
	 * credentials loaded from the same values and files, so that a change can be seen
	 * without keeping key material.
	 * @param prefix the prefix of the properties, for error messages
	 * @param keyId the key id, or a location of it, or {@code null}
	 * @param privateKey the private key PEM, or a location of it, or {@code null}
	 * @param publicKey the public key PEM or its location, or {@code null}
	 * @param resourceLoader loads {@code classpath:} and {@code file:} locations
	 * @return the digest
	 * @throws AnkorConfigurationException naming the property whose location cannot be
	 * read
	 */
	public static String contentDigest(String prefix, @Nullable String keyId, @Nullable String privateKey,
			@Nullable String publicKey, ResourceLoader resourceLoader) {
		return digest((keyId != null) ? content(prefix + ".key-id", keyId, resourceLoader) : null,
				(privateKey != null) ? content(prefix + ".private-key", privateKey, resourceLoader) : null,
				StringUtils.hasText(publicKey) ? content(prefix + ".public-key", publicKey, resourceLoader) : null);
	}

	/** A value as given, or what its location holds. */
	private static String content(String property, String value, ResourceLoader resourceLoader) {
		return isLocation(value) ? readLocation(property, value, resourceLoader) : value;
	}

	/**
	 * A SHA-256 digest of values, each ended by a zero byte: what shows a change without
	 * keeping the values. Internal to the starter, as this class is.
	 * @param values the values, {@code null} ones as {@code "null"}
	 * @return the digest in hex
	 */
	public static String digest(@Nullable String... values) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String value : values) {
				digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The Key ID of a property's value, whose text or file content is given. */
	private static String keyId(String property, String value, String content) {
		String text = value.strip();
		if (!isLocation(text)) {
			if (!isKeyId(text)) {
				throw new AnkorConfigurationException(property,
						"is not a Key ID (one word of printable ASCII, at most 256 characters)",
						"Set '" + property + "' to the Key ID shown in Ankor under Settings > Key generation, or to "
								+ "a 'file:' location of a file that holds it.");
			}
			return text;
		}
		String keyId = content.strip();
		if (!isKeyId(keyId)) {
			throw new AnkorConfigurationException(property,
					"names '" + text + "', which does not hold a Key ID (one word of printable ASCII, at most 256 "
							+ "characters)",
					"Write only the Key ID shown in Ankor under Settings > Key generation to the file at '" + text
							+ "'.");
		}
		return keyId;
	}

	private static boolean isKeyId(String text) {
		if (text.isEmpty() || text.length() > 256) {
			return false;
		}
		// printable ASCII only: no spaces, control characters or a byte-order mark from an editor
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x21 || c > 0x7E) {
				return false;
			}
		}
		return true;
	}

	/** Normalised PEM text of a property's value, whose text or file content is given. */
	private static String pem(String property, String value, String content) {
		if (!isLocation(value) && !value.contains("-----BEGIN")) {
			throw new AnkorConfigurationException(property, "is neither PEM text nor a 'classpath:' or 'file:' location",
					"Set '" + property + "' to the PEM text (starting with '-----BEGIN') or to a location such as "
							+ "'file:/etc/ankor/private-key.pem'.");
		}
		return normalise(content);
	}

	/**
	 * Whether a value is a {@code classpath:} or {@code file:} location rather than text
	 * (PEM text after 'file:' by mistake is text).
	 * @param value a property's value
	 * @return whether it names a location
	 */
	public static boolean isLocation(String value) {
		String text = value.strip();
		return (text.startsWith("classpath:") || text.startsWith("file:")) && !text.contains("-----BEGIN");
	}

	/** What a {@code classpath:} or {@code file:} location holds, as it is; a failure names the property. */
	private static String readLocation(String property, String location, ResourceLoader resourceLoader) {
		String text = location.strip();
		try (InputStream in = resourceLoader.getResource(text).getInputStream()) {
			return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new AnkorConfigurationException(property, "names '" + text + "', which cannot be read ("
					+ ex.getClass().getSimpleName() + ")",
					"Check that the location in '" + property + "' exists and is readable by the application.");
		}
	}

	/** Where a value's PEM came from, for messages: its location, or nothing for PEM text. */
	private static String origin(String value) {
		// PEM text is never repeated, even where it follows 'file:' by mistake
		return isLocation(value) ? "at '" + value.strip() + "' " : "";
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

}
