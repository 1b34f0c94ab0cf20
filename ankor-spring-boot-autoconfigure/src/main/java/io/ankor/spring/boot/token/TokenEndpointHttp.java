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
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.MultiValueMap;

/**
 * Posts a form to the token endpoint with the JDK's {@link HttpURLConnection}, blocking,
 * on the token thread. It makes no thread of its own (the JDK's {@code HttpClient} keeps a
 * selector thread per client, which Java 17 cannot stop). The body is sent from a buffer,
 * not streamed, so that a {@code 401} keeps its own body (a streamed request gets the
 * JDK's {@code HttpRetryException} instead). The answer's headers must come within the
 * connect and read timeouts of the request's start, or the connection is cut; then each
 * read of the body waits at most the read timeout, and none starts once that bound has
 * passed. Redirects are not followed.
 *
 * @author Ankor starter team
 */
final class TokenEndpointHttp {

	private static final FormHttpMessageConverter FORM = new FormHttpMessageConverter();

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Object monitor = new Object();

	/** The connection of the request in progress; guarded by {@link #monitor}. */
	private @Nullable HttpURLConnection current;

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
		HttpURLConnection connection = open(uri);
		long bound = this.connectTimeout.plus(this.readTimeout).toNanos();
		long deadline = System.nanoTime() + bound;
		// the answer's status line and headers, like the connection, must come within the bound: one that trickles
		// in, a byte at a time, would otherwise hold the token thread for as long as it goes on
		AtomicBoolean settled = new AtomicBoolean();
		CompletableFuture<Void> watchdog = new CompletableFuture<Void>().completeOnTimeout(null, bound,
				TimeUnit.NANOSECONDS);
		watchdog.thenRun(() -> {
			if (settled.compareAndSet(false, true)) {
				connection.disconnect();
			}
		});
		try {
			int status;
			try {
				connection.setConnectTimeout(millis(this.connectTimeout));
				connection.setReadTimeout(millis(this.readTimeout));
				connection.setInstanceFollowRedirects(false);
				connection.setUseCaches(false);
				connection.setDoOutput(true);
				connection.setRequestMethod("POST");
				headers.forEach((name, values) -> values.forEach((value) -> connection.addRequestProperty(name, value)));
				connection.setRequestProperty(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE);
				connection.setRequestProperty(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body);
				}
				status = connection.getResponseCode();
			}
			finally {
				watchdog.cancel(false);
			}
			if (!settled.compareAndSet(false, true)) {
				throw new SocketTimeoutException("no answer within the connect and read timeouts");
			}
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
			return new Answer(status, answerHeaders, (in != null) ? read(in, maxBody, deadline) : new byte[0]);
		}
		catch (IOException ex) {
			if (settled.get() && !watchdog.isCancelled()) {
				throw new SocketTimeoutException("no answer within the connect and read timeouts");
			}
			connection.disconnect();
			throw ex;
		}
		finally {
			ended(connection);
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
	 * timeout, and none starts once the deadline has passed (a body that trickles in is
	 * cut off).
	 */
	private static byte[] read(InputStream stream, int maxBody, long deadline) throws IOException {
		try (InputStream in = stream) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int read;
			while (body.size() <= maxBody
					&& (read = in.read(buffer, 0, Math.min(buffer.length, maxBody + 1 - body.size()))) != -1) {
				body.write(buffer, 0, read);
				if (System.nanoTime() - deadline > 0) {
					throw new SocketTimeoutException("the answer took longer than the connect and read timeouts");
				}
			}
			return body.toByteArray();
		}
	}

	private HttpURLConnection open(URI uri) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IOException("the token thread is closed");
			}
			this.current = connection;
		}
		return connection;
	}

	private void ended(HttpURLConnection connection) {
		synchronized (this.monitor) {
			if (this.current == connection) {
				this.current = null;
			}
		}
	}

	/**
	 * Ends the request in progress, if any, and refuses every later one: for a token thread
	 * that closes. The caller does not wait: a read of the body in progress ends within the
	 * read timeout.
	 */
	void close() {
		HttpURLConnection current;
		synchronized (this.monitor) {
			this.closed = true;
			current = this.current;
			this.current = null;
		}
		if (current != null) {
			// closing a body's stream waits for a read in progress: not on the closing thread
			CompletableFuture.runAsync(current::disconnect);
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
