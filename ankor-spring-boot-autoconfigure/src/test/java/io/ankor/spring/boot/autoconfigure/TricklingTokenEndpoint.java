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

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint on a raw socket whose first answer trickles in, a byte of its status
 * line and headers at a time, for as long as the client listens (up to a minute); later
 * requests get a token. What a broken proxy or endpoint can do, and WireMock cannot: its
 * delays start after the headers.
 */
final class TricklingTokenEndpoint implements AutoCloseable {

	private final ServerSocket server;

	private final Thread thread;

	private final AtomicInteger requests = new AtomicInteger();

	TricklingTokenEndpoint() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.thread = new Thread(this::serve, "trickling-token-endpoint");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	String tokenUri() {
		return "http://127.0.0.1:" + this.server.getLocalPort() + "/iam/oauth/token";
	}

	int requests() {
		return this.requests.get();
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				int request = this.requests.incrementAndGet();
				Thread answer = new Thread(() -> answer(socket, request == 1), "trickling-token-endpoint-" + request);
				answer.setDaemon(true);
				answer.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void answer(Socket socket, boolean trickle) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			readRequest(in);
			OutputStream out = socket.getOutputStream();
			if (trickle) {
				byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: ".getBytes(
						StandardCharsets.US_ASCII);
				long end = System.nanoTime() + 60_000_000_000L;
				for (int i = 0; System.nanoTime() < end; i++) {
					out.write((i < head.length) ? head[i] : 'x');
					out.flush();
					Thread.sleep(100);
				}
				return;
			}
			byte[] body = ("{\"access_token\":\"token-after-trickle\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
				.getBytes(StandardCharsets.UTF_8);
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
		}
		catch (IOException ex) {
			// the client hung up
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void readRequest(InputStream in) throws IOException {
		int contentLength = 0;
		String line;
		while (!(line = readLine(in)).isEmpty()) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring("content-length:".length()).strip());
			}
		}
		in.readNBytes(contentLength);
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.write(c);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
