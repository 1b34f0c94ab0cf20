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

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request of {@link TokenEndpointHttp}: its connection and how far it got, for the
 * watchdog and a closing token thread to cut it without waiting: at once while it waits
 * for its answer's headers (the socket is closed under it), and before the next read of
 * its body.
 *
 * @author Ankor starter team
 */
final class TokenEndpointExchange {

	/** Connecting, sending and waiting for the answer's status line and headers. */
	private static final int HEADERS = 0;

	/** Reading the body. */
	private static final int BODY = 1;

	/** Cut: the bound passed, or the token thread closes. */
	private static final int CUT = 2;

	private final HttpURLConnection connection;

	private final AtomicInteger state = new AtomicInteger(HEADERS);

	private volatile boolean closing;

	TokenEndpointExchange(HttpURLConnection connection) {
		this.connection = connection;
	}

	HttpURLConnection connection() {
		return this.connection;
	}

	/** The bound passed: the connection is cut while it waits for its answer. */
	void cut() {
		if (this.state.compareAndSet(HEADERS, CUT)) {
			disconnect(this.connection);
		}
	}

	/** The token thread closes: cut at once while waiting for the headers, else before the next read. */
	void close() {
		this.closing = true;
		if (!this.state.compareAndSet(HEADERS, CUT)) {
			// reading a body: closing its stream would wait for the read in progress; the reader stops itself
			this.state.compareAndSet(BODY, CUT);
			return;
		}
		disconnect(this.connection);
	}

	/** The answer's headers came: from now on the body's reads are bounded one by one. */
	void reading() throws IOException {
		if (!this.state.compareAndSet(HEADERS, BODY)) {
			throw cutOff();
		}
	}

	void check() throws IOException {
		if (this.state.get() == CUT) {
			throw cutOff();
		}
	}

	/** What a failure of this request is to its caller: a cut, or the failure as an I/O one. */
	IOException failure(Exception ex) {
		if (this.state.get() == CUT) {
			return cutOff();
		}
		return (ex instanceof IOException io) ? io : new IOException(ex.getClass().getName());
	}

	private IOException cutOff() {
		return this.closing ? new IOException("the token thread is closed")
				: new SocketTimeoutException("no answer within the connect and read timeouts");
	}

	/** Another thread may disconnect at the same time: the JDK's disconnect is not safe for that. */
	static void disconnect(HttpURLConnection connection) {
		try {
			connection.disconnect();
		}
		catch (RuntimeException ex) {
			// disconnected already
		}
	}

}
