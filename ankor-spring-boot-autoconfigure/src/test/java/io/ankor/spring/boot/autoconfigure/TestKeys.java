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

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Key pairs generated in the test, in the PEM forms users paste: PKCS#8, PKCS#1 (RSA) and
 * SEC1 (EC). PKCS#1 and SEC1 are cut out of or wrapped around Java's PKCS#8 encoding
 * with a few lines of DER.
 */
final class TestKeys {

	private TestKeys() {
	}

	static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair ec(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String pkcs8(KeyPair keyPair) {
		return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
	}

	static String publicKey(KeyPair keyPair) {
		return pem("PUBLIC KEY", keyPair.getPublic().getEncoded());
	}

	/** PKCS#1: the RSAPrivateKey inside PKCS#8's privateKey OCTET STRING. */
	static String pkcs1(KeyPair keyPair) {
		return pem("RSA PRIVATE KEY", pkcs8PrivateKeyOctets(keyPair.getPrivate().getEncoded()));
	}

	/** SEC1: ECPrivateKey { version 1, privateKey, [0] namedCurve }. */
	static String sec1(KeyPair keyPair, String curveOid) {
		ECPrivateKey key = (ECPrivateKey) keyPair.getPrivate();
		int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
		byte[] d = unsigned(key.getS().toByteArray(), size);
		byte[] oid = der(0x06, oid(curveOid));
		byte[] body = concat(der(0x02, new byte[] { 1 }), der(0x04, d), der(0xa0, oid));
		return pem("EC PRIVATE KEY", der(0x30, body));
	}

	static String pem(String type, byte[] der) {
		String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
	}

	private static byte[] pkcs8PrivateKeyOctets(byte[] pkcs8) {
		int[] position = { 0 };
		readHeader(pkcs8, position, 0x30);
		skip(pkcs8, position); // version
		skip(pkcs8, position); // algorithm
		int length = readHeader(pkcs8, position, 0x04);
		return Arrays.copyOfRange(pkcs8, position[0], position[0] + length);
	}

	private static int readHeader(byte[] der, int[] position, int expectedTag) {
		int tag = der[position[0]++] & 0xff;
		if (tag != expectedTag) {
			throw new IllegalStateException("Unexpected DER tag " + tag);
		}
		int length = der[position[0]++] & 0xff;
		if (length > 0x80) {
			int count = length - 0x80;
			length = 0;
			for (int i = 0; i < count; i++) {
				length = (length << 8) | (der[position[0]++] & 0xff);
			}
		}
		return length;
	}

	private static void skip(byte[] der, int[] position) {
		int length = readHeader(der, position, der[position[0]] & 0xff);
		position[0] += length;
	}

	private static byte[] der(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else if (length < 0x100) {
			out.write(0x81);
			out.write(length);
		}
		else {
			out.write(0x82);
			out.write(length >> 8);
			out.write(length & 0xff);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] oid(String dotted) {
		String[] parts = dotted.split("\\.");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
		for (int i = 2; i < parts.length; i++) {
			long value = Long.parseLong(parts[i]);
			byte[] buffer = new byte[10];
			int n = 0;
			do {
				buffer[n++] = (byte) (value & 0x7f);
				value >>= 7;
			}
			while (value > 0);
			for (int j = n - 1; j >= 0; j--) {
				out.write(buffer[j] | ((j > 0) ? 0x80 : 0));
			}
		}
		return out.toByteArray();
	}

	private static byte[] unsigned(byte[] value, int size) {
		byte[] result = new byte[size];
		int copy = Math.min(value.length, size);
		System.arraycopy(value, value.length - copy, result, size - copy, copy);
		return result;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static final String P256 = "1.2.840.10045.3.1.7";

	static final String P384 = "1.3.132.0.34";

	static final String P521 = "1.3.132.0.35";

}
