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
package io.ankor.spring.boot.web;

import java.net.URI;
import java.util.Locale;

/**
 * The scheme, host and port of {@code ankor.api-url}: the only origin the Ankor clients
 * send the access token to.
 *
 * @author Ankor starter team
 */
final class AnkorOrigin {

	private final String scheme;

	private final String host;

	private final int port;

	private AnkorOrigin(String scheme, String host, int port) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
	}

	/**
	 * The origin of a URI.
	 * @param uri an absolute URI with a host
	 * @return its origin
	 */
	public static AnkorOrigin of(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		return new AnkorOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port(scheme, uri.getPort()));
	}

	private static int port(String scheme, int port) {
		if (port != -1) {
			return port;
		}
		return "https".equals(scheme) ? 443 : ("http".equals(scheme) ? 80 : -1);
	}

	/**
	 * Whether a request to the given URI may carry Ankor's access token.
	 * @param uri the request URI
	 * @return whether it goes to Ankor's API origin
	 */
	public boolean matches(URI uri) {
		if (uri.getScheme() == null || uri.getHost() == null) {
			return false;
		}
		// compared without lower-casing copies: this runs on every call
		String scheme = uri.getScheme();
		return this.scheme.equalsIgnoreCase(scheme) && this.host.equalsIgnoreCase(uri.getHost())
				&& this.port == port(this.scheme, uri.getPort());
	}

	@Override
	public String toString() {
		return this.scheme + "://" + this.host + ":" + this.port;
	}

}
