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
package io.ankor.spring.boot.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.MultiValueMap;

/**
 * Posts a form to the token endpoint with the JDK's {@link HttpURLConnection}, blocking,
 * on the token thread. It makes no thread of its own (the JDK's {@code HttpClient} keeps a
 * selector thread per client, which Java 17 cannot stop). Like the JDK's
 * {@code HttpClient} it used before, it goes direct, through no proxy, with the JDK's own
 * TLS defaults (not those an application set for {@code HttpsURLConnection}), and it
 * answers no password challenge: no credential of the application's {@link Authenticator}
 * ever reaches the token endpoint. (Two JVM-wide settings still apply: a default
 * {@code CookieHandler}, and Kerberos credentials for a {@code Negotiate} challenge.)
 * The body is sent from a buffer, not streamed, so that a {@code 401} keeps its own body
 * (a streamed request gets the JDK's {@code HttpRetryException} instead); the price is
 * that the JDK may send it once more on a fresh connection when the first fails before
 * the status line. The answer's status line and headers must come within the connect and
 * read timeouts of the request's start, or the connection is cut; each read of the body
 * waits at most the read timeout, and none starts once the read timeout has passed since
 * the connection was made. Name lookup is bounded by the system's resolver, not by the
 * connect timeout. Redirects are not followed.
 *
 * @author Ankor starter team
 */
final class TokenEndpointHttp {

	private static final FormHttpMessageConverter FORM = new FormHttpMessageConverter();

	/** Answers no challenge, from the server or a proxy. */
	private static final Authenticator NO_CREDENTIALS = new Authenticator() {

		@Override
		protected @Nullable PasswordAuthentication getPasswordAuthentication() {
			return null;
		}

	};

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Object monitor = new Object();

	/** The request in progress; guarded by {@link #monitor}. */
	private @Nullable TokenEndpointExchange current;

	/** Guarded by {@link #monitor}. */
	private boolean closed;

	TokenEndpointHttp(Duration connectTimeout, Duration readTimeout) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	/**
	 * Posts a form and reads the answer, whatever its status.
	 * @param uri the token endpoint
	 * @param form the form
	 * @param headers headers besides {@code Content-Type} and {@code Accept}
	 * @param maxBody how much of the body to read: one byte more shows it is longer
	 * @return the answer
	 * @throws IOException when no whole answer came in time
	 */
	Answer post(URI uri, MultiValueMap<String, String> form, HttpHeaders headers, int maxBody) throws IOException {
		byte[] body = encode(form);
		TokenEndpointExchange exchange = open(uri);
		HttpURLConnection connection = exchange.connection();
		long bound = this.connectTimeout.plus(this.readTimeout).toNanos();
		// the answer's status line and headers, like the connection, must come within the bound: one that trickles
		// in, a byte at a time, would otherwise hold the token thread for as long as it goes on
		CompletableFuture<Void> watchdog = new CompletableFuture<>();
		watchdog.thenRunAsync(exchange::cut);
		watchdog.completeOnTimeout(null, bound, TimeUnit.NANOSECONDS);
		try {
			int status;
			long deadline;
			try {
				connection.setConnectTimeout(millis(this.connectTimeout));
				connection.setReadTimeout(millis(this.readTimeout));
				connection.setInstanceFollowRedirects(false);
				connection.setUseCaches(false);
				connection.setAuthenticator(NO_CREDENTIALS);
				connection.setDoOutput(true);
				connection.setRequestMethod("POST");
				headers.forEach((name, values) -> values.forEach((value) -> connection.addRequestProperty(name, value)));
				connection.setRequestProperty(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE);
				connection.setRequestProperty(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
				// name lookup and connecting first: the request is not sent once the bound has passed meanwhile
				connection.connect();
				exchange.check();
				// once connected, the read timeout bounds the whole answer, as the JDK's HttpClient had it
				deadline = System.nanoTime() + this.readTimeout.toNanos();
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body);
				}
				status = connection.getResponseCode();
			}
			finally {
				watchdog.cancel(false);
			}
			exchange.reading();
			if (status < 0) {
				throw new IOException("an answer that is not HTTP");
			}
			HttpHeaders answerHeaders = new HttpHeaders();
			connection.getHeaderFields().forEach((name, values) -> {
				if (name != null) {
					answerHeaders.addAll(name, values);
				}
			});
			InputStream in = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
			return new Answer(status, answerHeaders,
					(in != null) ? read(exchange, in, maxBody, deadline) : new byte[0]);
		}
		catch (IOException | RuntimeException ex) {
			// the JDK's own failure of a connection cut under it may be an unchecked one
			IOException failure = exchange.failure(ex);
			TokenEndpointExchange.disconnect(connection);
			throw failure;
		}
		finally {
			ended(exchange);
		}
	}

	private static byte[] encode(MultiValueMap<String, String> form) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		HttpHeaders headers = new HttpHeaders();
		FORM.write(form, MediaType.APPLICATION_FORM_URLENCODED, new HttpOutputMessage() {

			@Override
			public OutputStream getBody() {
				return body;
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		});
		return body.toByteArray();
	}

	/**
	 * Reads a body, up to {@code maxBody + 1} bytes: each read waits at most the read
	 * timeout, and none starts once the deadline has passed or the token thread closes (a
	 * body that trickles in is cut off).
	 */
	private static byte[] read(TokenEndpointExchange exchange, InputStream stream, int maxBody, long deadline)
			throws IOException {
		try (InputStream in = stream) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read = 0;
			while (body.size() <= maxBody && read != -1) {
				exchange.check();
				if (System.nanoTime() - deadline > 0) {
					throw new SocketTimeoutException("the answer took longer than the connect and read timeouts");
				}
				read = in.read(buffer, 0, Math.min(buffer.length, maxBody + 1 - body.size()));
				if (read > 0) {
					body.write(buffer, 0, read);
				}
			}
			return body.toByteArray();
		}
	}

	private TokenEndpointExchange open(URI uri) throws IOException {
		// direct, as the JDK's HttpClient went by default: no proxy the JVM's ProxySelector names
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
		if (connection instanceof HttpsURLConnection https) {
			// the JDK's own TLS defaults, as its HttpClient had them, whatever an application set as the defaults of
			// HttpsURLConnection (a trust-all factory or host name verifier would hand the assertion to anyone)
			https.setSSLSocketFactory(defaultSocketFactory());
			// asked only when the JDK's own host name check fails: it stays failed
			https.setHostnameVerifier((host, session) -> false);
		}
		TokenEndpointExchange exchange = new TokenEndpointExchange(connection);
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IOException("the token thread is closed");
			}
			this.current = exchange;
		}
		return exchange;
	}

	private static SSLSocketFactory defaultSocketFactory() throws IOException {
		try {
			return SSLContext.getDefault().getSocketFactory();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException("No default TLS context", ex);
		}
	}

	private void ended(TokenEndpointExchange exchange) {
		synchronized (this.monitor) {
			if (this.current == exchange) {
				this.current = null;
			}
		}
	}

	/**
	 * Ends the request in progress, if any, and refuses every later one: for a token thread
	 * that closes. The caller does not wait: a request waiting for its answer is cut at
	 * once, a body being read stops before its next read, within the read timeout.
	 */
	void close() {
		TokenEndpointExchange current;
		synchronized (this.monitor) {
			this.closed = true;
			current = this.current;
			this.current = null;
		}
		if (current != null) {
			current.close();
		}
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
	}

	/**
	 * What the token endpoint answered.
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body, or as much of it as was read
	 */
	record Answer(int status, HttpHeaders headers, byte[] body) {

	}

}
