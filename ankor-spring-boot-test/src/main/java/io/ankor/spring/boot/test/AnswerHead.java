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

import java.io.IOException;
import java.util.Map;

import wiremock.org.eclipse.jetty.server.HttpConnection;
import wiremock.org.eclipse.jetty.server.Response;

/**
 * Sends the status line, the headers and the start of the body of the answer to the
 * request the current thread serves, before WireMock renders the rest.
 * <p>
 * WireMock writes nothing before a response's delay has passed (a chunked dribble delay
 * pauses before its first chunk too), so it cannot answer headers and then stall. This
 * reaches the Jetty response that wiremock-standalone (Jetty 11, shaded) serves the
 * request with on the calling thread, which is where a transformer runs as long as
 * asynchronous responses are off, as in {@link AnkorSimulator}. The rest of the answer
 * is left to WireMock; once the head is sent, the status and headers it sets are
 * ignored.
 *
 * @author Ankor starter team
 */
final class AnswerHead {

	private AnswerHead() {
	}

	/**
	 * Sends the head and the start of the body, and flushes them.
	 * @param status the status
	 * @param headers the headers
	 * @param bodyStart the start of the body
	 * @return whether they were sent; {@code false} when the client has gone
	 * @throws IllegalStateException when the current thread serves no request
	 */
	static boolean send(int status, Map<String, String> headers, byte[] bodyStart) {
		HttpConnection connection = HttpConnection.getCurrentConnection();
		if (connection == null) {
			throw new IllegalStateException("No Jetty connection is served on this thread");
		}
		Response response = connection.getHttpChannel().getResponse();
		response.setStatus(status);
		headers.forEach(response::setHeader);
		try {
			response.getOutputStream().write(bodyStart);
			response.flushBuffer();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
