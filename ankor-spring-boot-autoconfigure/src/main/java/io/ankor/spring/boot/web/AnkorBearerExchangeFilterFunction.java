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
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.ankor.spring.boot.AnkorAccessTokenProvider;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
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
 * caller. A request body is written once, as given; what it wrote is kept and sent
 * again by the replay, so that a body read from a stream is never read twice: its bytes
 * (up to {@value #MAX_REPLAYED_BODY}), or the part of a file it sent, and the headers its
 * writer set, changed or removed. A larger body, one written with flushes, or one still
 * being written when the 401 came (a file excepted: it can be read again), is not
 * replayed: the caller gets the 401, and its next call a new token.
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
			return next.exchange(withBearer(first, token)).flatMap((response) -> {
				if (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
					if (body != null) {
						body.release();
					}
					return Mono.just(response);
				}
				return replay(request, body, token, response, next);
			});
		});
	}

	private Mono<ClientResponse> replay(ClientRequest request, @Nullable RecordedBody body,
			OAuth2AccessToken rejected, ClientResponse response, ExchangeFunction next) {
		this.tokens.invalidate(rejected);
		if (body != null && !body.isReplayable()) {
			body.release();
			return Mono.just(response);
		}
		ClientRequest again = (body != null) ? body.replaying() : request;
		Mono<ClientResponse> replayed = response.releaseBody()
			.then(this.tokens.accessToken())
			.flatMap((token) -> next.exchange(withBearer(again, token)));
		return (body != null) ? replayed.doFinally((signal) -> body.release()) : replayed;
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
	 * What a request's body wrote, for a replay: its bytes (or the file it sent), and the
	 * headers its writer set, changed or removed (such as a multipart
	 * {@code Content-Type} with its boundary). Only the latest write counts, once it was
	 * handed whole to the connector (a file at once: it can be read again); a write the
	 * connector retries starts afresh.
	 */
	private static final class RecordedBody {

		private final ClientRequest request;

		/** The latest write, once whole and kept; {@code null} otherwise, and once released. */
		private volatile @Nullable Written written;

		private volatile boolean released;

		RecordedBody(ClientRequest request) {
			this.request = request;
		}

		boolean isReplayable() {
			return this.written != null;
		}

		/** Lets go of what was kept: no replay will need it. */
		synchronized void release() {
			this.released = true;
			this.written = null;
		}

		ClientRequest recording() {
			BodyInserter<?, ? super ClientHttpRequest> inserter = this.request.body();
			return ClientRequest.from(this.request).body((message, context) -> {
				this.written = null;
				// the request's own headers are in place: what the body's writer changes is what a replay needs
				HttpHeaders before = new HttpHeaders();
				before.addAll(message.getHeaders());
				return inserter.insert(new Recorder(message, before), context);
			}).build();
		}

		ClientRequest replaying() {
			return ClientRequest.from(this.request).body((message, context) -> {
				Written written = this.written;
				return (written != null) ? written.writeTo(message)
						: Mono.error(new IllegalStateException("The request body to replay was let go"));
			}).build();
		}

		private synchronized void keep(Written written) {
			if (!this.released) {
				this.written = written;
			}
		}

		/** One write of the body, kept as it goes. */
		private final class Recorder extends ClientHttpRequestDecorator implements ZeroCopyHttpOutputMessage {

			private final HttpHeaders before;

			private final List<byte[]> chunks = new ArrayList<>();

			private int size;

			private boolean tooBig;

			private boolean started;

			Recorder(ClientHttpRequest delegate, HttpHeaders before) {
				super(delegate);
				this.before = before;
			}

			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				Written.Headers headers = start();
				if (body instanceof Mono<? extends DataBuffer> single) {
					// still a Mono, so that the connector can send its length
					return super.writeWith(single.doOnNext(this::copy).doOnSuccess((buffer) -> kept(headers)));
				}
				return super.writeWith(Flux.from(body).doOnNext(this::copy).doOnComplete(() -> kept(headers)));
			}

			@Override
			public Mono<Void> writeWith(Path file, long position, long count) {
				// a file is sent as it is, zero-copy where the connector can, and can be read again for a replay
				keep(new Written(start(), null, file, position, count));
				return (getDelegate() instanceof ZeroCopyHttpOutputMessage zeroCopy)
						? zeroCopy.writeWith(file, position, count)
						: super.writeWith(Written.read(file, position, count, bufferFactory()));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				// written in parts that are sent as they come: not kept, not replayed
				start();
				return super.writeAndFlushWith(body);
			}

			@Override
			public Mono<Void> setComplete() {
				if (!this.started) {
					// no body at all: a replay sends none either
					keep(new Written(start(), null, null, 0, 0));
				}
				return super.setComplete();
			}

			private Written.Headers start() {
				this.started = true;
				return Written.Headers.changed(this.before, getHeaders());
			}

			private void copy(DataBuffer buffer) {
				int length = buffer.readableByteCount();
				if (this.tooBig || RecordedBody.this.released || this.size + length > MAX_REPLAYED_BODY) {
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

			private void kept(Written.Headers headers) {
				if (!this.tooBig) {
					// one piece, sent as a Mono, so that the connector can send its length
					byte[] bytes = new byte[this.size];
					int at = 0;
					for (byte[] chunk : this.chunks) {
						System.arraycopy(chunk, 0, bytes, at, chunk.length);
						at += chunk.length;
					}
					this.chunks.clear();
					keep(new Written(headers, bytes, null, 0, 0));
				}
			}

		}

	}

	/**
	 * A body as it was written: its headers, and its bytes or the part of a file it sent
	 * (neither: no body).
	 */
	private record Written(Headers headers, byte @Nullable [] bytes, @Nullable Path file, long position,
			long count) {

		Mono<Void> writeTo(ClientHttpRequest message) {
			this.headers.applyTo(message.getHeaders());
			if (this.file != null) {
				return (message instanceof ZeroCopyHttpOutputMessage zeroCopy)
						? zeroCopy.writeWith(this.file, this.position, this.count)
						: message.writeWith(read(this.file, this.position, this.count, message.bufferFactory()));
			}
			byte[] bytes = this.bytes;
			return (bytes != null) ? message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes)))
					: message.setComplete();
		}

		static Flux<DataBuffer> read(Path file, long position, long count, DataBufferFactory factory) {
			Flux<DataBuffer> buffers = DataBufferUtils.readAsynchronousFileChannel(
					() -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), position, factory, 8192);
			return DataBufferUtils.takeUntilByteCount(buffers, count);
		}

		/** The headers a body's writer set or changed, and those it removed. */
		record Headers(HttpHeaders set, Set<String> removed) {

			static Headers changed(HttpHeaders before, HttpHeaders after) {
				HttpHeaders set = new HttpHeaders();
				after.forEach((name, values) -> {
					if (!values.equals(before.get(name))) {
						set.put(name, new ArrayList<>(values));
					}
				});
				Set<String> removed = new LinkedHashSet<>();
				before.forEach((name, values) -> {
					if (!after.containsHeader(name)) {
						removed.add(name);
					}
				});
				return new Headers(set, removed);
			}

			void applyTo(HttpHeaders headers) {
				this.removed.forEach(headers::remove);
				this.set.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
			}

		}

	}

}
