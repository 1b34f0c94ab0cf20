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

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds Ankor's bearer token to the requests of {@code ankorWebClient} that go to the
 * origin of {@code ankor.api-url}, and to no other. When Ankor answers 401 the token is
 * dropped and the request is sent once more with a new one; a second 401 reaches the
 * caller. A request body is written once, as given; the bytes it wrote (up to
 * {@value #MAX_REPLAYED_BODY} bytes) and the headers its writer set are kept and sent
 * again by the replay, so that a body read from a stream is not read twice. A larger
 * body, a file sent zero-copy, one written with flushes, or one still being written
 * when the 401 came, is not replayed: the caller gets the 401, and its next call a new
 * token.
 *
 * @author Ankor starter team
 */
public final class AnkorBearerExchangeFilterFunction implements ExchangeFilterFunction {

	/** The largest request body kept for a replay after a 401, in bytes. */
	public static final int MAX_REPLAYED_BODY = 256 * 1024;

	private final AnkorAccessTokenProvider tokens;

	private final AnkorOrigin origin;

	/**
	 * Creates an instance.
	 * @param tokens the token provider
	 * @param origin the only origin the token is sent to
	 */
	public AnkorBearerExchangeFilterFunction(AnkorAccessTokenProvider tokens, AnkorOrigin origin) {
		this.tokens = tokens;
		this.origin = origin;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.matches(request.url())) {
			return next.exchange(withoutAuthorization(request));
		}
		return this.tokens.accessToken().flatMap((token) -> {
			// a request without a body (the usual GET) is sent as it is
			RecordedBody body = (request.body() != BodyInserters.empty()) ? new RecordedBody(request) : null;
			ClientRequest first = (body != null) ? body.recording() : request;
			return next.exchange(withBearer(first, token))
				.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
						? Mono.just(response) : replay(request, body, token, response, next));
		});
	}

	private Mono<ClientResponse> replay(ClientRequest request, @Nullable RecordedBody body,
			OAuth2AccessToken rejected, ClientResponse response, ExchangeFunction next) {
		this.tokens.invalidate(rejected);
		if (body != null && !body.isReplayable()) {
			return Mono.just(response);
		}
		ClientRequest again = (body != null) ? body.replaying() : request;
		return response.releaseBody()
			.then(this.tokens.accessToken())
			.flatMap((token) -> next.exchange(withBearer(again, token)));
	}

	private static ClientRequest withBearer(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

	private static ClientRequest withoutAuthorization(ClientRequest request) {
		if (!request.headers().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return request;
		}
		return ClientRequest.from(request).headers((headers) -> headers.remove(HttpHeaders.AUTHORIZATION)).build();
	}

	/**
	 * What a request's body wrote, for a replay: its bytes, and the headers its writer set
	 * or changed (such as a multipart {@code Content-Type} with its boundary). Each write of
	 * the body starts the record afresh, so that a write the connector retried is kept
	 * once.
	 */
	private static final class RecordedBody {

		private final ClientRequest request;

		private final List<byte[]> chunks = new ArrayList<>();

		private final HttpHeaders headers = new HttpHeaders();

		private int size;

		private boolean tooBig;

		private boolean wroteBody;

		/** Whether the body was written whole, without flushes, and kept. */
		private volatile boolean replayable;

		RecordedBody(ClientRequest request) {
			this.request = request;
		}

		boolean isReplayable() {
			return this.replayable;
		}

		ClientRequest recording() {
			BodyInserter<?, ? super ClientHttpRequest> inserter = this.request.body();
			return ClientRequest.from(this.request).body((message, context) -> {
				// the request's own headers are in place: what the body's writer changes is what a replay needs
				HttpHeaders before = new HttpHeaders();
				before.addAll(message.getHeaders());
				return inserter.insert(new Recorder(message, before), context);
			}).build();
		}

		ClientRequest replaying() {
			return ClientRequest.from(this.request).body((message, context) -> {
				this.headers.forEach((name, values) -> message.getHeaders().put(name, values));
				return (this.chunks.isEmpty()) ? message.setComplete()
						: message.writeWith(Flux.fromIterable(this.chunks).map(message.bufferFactory()::wrap));
			}).build();
		}

		private void start(HttpHeaders before, HttpHeaders written) {
			this.chunks.clear();
			this.headers.clear();
			this.size = 0;
			this.tooBig = false;
			this.replayable = false;
			written.forEach((name, values) -> {
				if (!values.equals(before.get(name))) {
					this.headers.put(name, new ArrayList<>(values));
				}
			});
		}

		private void keep(DataBuffer buffer) {
			int length = buffer.readableByteCount();
			if (this.tooBig || this.size + length > MAX_REPLAYED_BODY) {
				this.tooBig = true;
				this.chunks.clear();
				return;
			}
			byte[] chunk = new byte[length];
			// copied without moving the buffer's read position: the body is sent as it was
			buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(chunk), 0, length);
			this.chunks.add(chunk);
			this.size += length;
		}

		private void kept() {
			this.replayable = !this.tooBig;
		}

		private final class Recorder extends ClientHttpRequestDecorator implements ZeroCopyHttpOutputMessage {

			private final HttpHeaders before;

			Recorder(ClientHttpRequest delegate, HttpHeaders before) {
				super(delegate);
				this.before = before;
			}

			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				start(this.before, getHeaders());
				RecordedBody.this.wroteBody = true;
				if (body instanceof Mono<? extends DataBuffer> single) {
					// still a Mono, so that the connector can send its length
					return super.writeWith(single.doOnNext(RecordedBody.this::keep).doOnSuccess((buffer) -> kept()));
				}
				return super.writeWith(
						Flux.from(body).doOnNext(RecordedBody.this::keep).doOnComplete(RecordedBody.this::kept));
			}

			@Override
			public Mono<Void> writeWith(Path file, long position, long count) {
				// a file is sent as it is, zero-copy where the connector can: not kept, not replayed
				start(this.before, getHeaders());
				RecordedBody.this.wroteBody = true;
				if (getDelegate() instanceof ZeroCopyHttpOutputMessage zeroCopy) {
					return zeroCopy.writeWith(file, position, count);
				}
				return super.writeWith(DataBufferUtils.read(file, bufferFactory(), 8192)
					.transform((buffers) -> DataBufferUtils.skipUntilByteCount(buffers, position))
					.transform((buffers) -> DataBufferUtils.takeUntilByteCount(buffers, count)));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				// written in parts that are sent as they come: not kept, not replayed
				start(this.before, getHeaders());
				RecordedBody.this.wroteBody = true;
				return super.writeAndFlushWith(body);
			}

			@Override
			public Mono<Void> setComplete() {
				if (!RecordedBody.this.wroteBody) {
					// no body at all: a replay sends none either
					start(this.before, getHeaders());
					RecordedBody.this.replayable = true;
				}
				return super.setComplete();
			}

		}

	}

}
