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
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Sends the status line, the headers and the head of an answer's body, then nothing:
 * the rest of the body is a stream that holds the connection until the simulator is reset
 * or closed, or at most {@link FaultAnswers#STALL}, and then ends ({@code stall}),
 * or that ends at once ({@code reset}). It ends short of the {@code Content-Length}
 * announced, so that Jetty closes the connection without the rest.
 * <p>
 * WireMock writes nothing before a response's delay has passed, and a chunked dribble
 * delay pauses before its first chunk too, so neither can answer headers and then stall.
 * A body streamed to Jetty can: once more than Jetty's output buffer (32 KiB) is
 * written, the head goes out. The head is {@value #HEAD_BYTES} bytes. WireMock reads an
 * answer's body once for its request journal before it sends it: that first read gets
 * the head alone, and only the answer sent holds.
 *
 * @author Ankor starter team
 */
final class HeldBody implements ResponseTransformerV2 {

	static final String NAME = "ankor-held-body";

	/** More than Jetty's output buffer, so that the head is sent before the body holds. */
	static final int HEAD_BYTES = 40 * 1024;

	private final Supplier<CountDownLatch> release;

	HeldBody(Supplier<CountDownLatch> release) {
		this.release = release;
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		boolean reset = "reset".equals(serveEvent.getResponseDefinition().getTransformerParameters().getString(NAME));
		byte[] body = response.getBody();
		byte[] head = Arrays.copyOf(body, HEAD_BYTES);
		CountDownLatch release = this.release.get();
		AtomicBoolean journaled = new AtomicBoolean();
		// the whole body's length: a body that ends short of it makes Jetty close the connection
		HttpHeaders headers = response.getHeaders()
			.plus(new HttpHeader("Content-Length", Integer.toString(body.length)));
		return Response.Builder.like(response)
			.but()
			.headers(headers)
			.body(() -> journaled.compareAndSet(false, true) ? new ByteArrayInputStream(head)
					: new SequenceInputStream(new ByteArrayInputStream(head), new Held(release, reset)))
			.build();
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public String getName() {
		return NAME;
	}

	/** The rest of the body: nothing, until released, then its end, short of the length announced. */
	private static final class Held extends InputStream {

		private final CountDownLatch release;

		private final boolean reset;

		Held(CountDownLatch release, boolean reset) {
			this.release = release;
			this.reset = reset;
		}

		@Override
		public int read() {
			if (!this.reset) {
				try {
					this.release.await(FaultAnswers.STALL.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// Jetty stopping
					Thread.currentThread().interrupt();
				}
			}
			return -1;
		}

	}

}
