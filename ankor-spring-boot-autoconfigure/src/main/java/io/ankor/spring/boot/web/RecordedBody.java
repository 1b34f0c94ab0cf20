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

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * What a request's body wrote, for a replay: its bytes, and the headers its writer set,
 * changed or removed (such as a multipart {@code Content-Type} with its boundary). Only
 * the latest write counts, once it was handed whole to the connector; a write the
 * connector retries starts afresh. A file sent zero-copy is not kept: what a replay
 * read again could differ from what was sent.
 *
 * @author Ankor starter team
 * @see AnkorBearerExchangeFilterFunction
 */
final class RecordedBody {

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
			// a file is sent as it is, zero-copy where the connector can, and not kept: read again for a replay,
			// it could have changed, and a changed file would go out with the first write's Content-Length
			start();
			return (getDelegate() instanceof ZeroCopyHttpOutputMessage zeroCopy)
					? zeroCopy.writeWith(file, position, count)
					: super.writeWith(read(file, position, count, bufferFactory()));
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
				keep(new Written(start(), null));
			}
			return super.setComplete();
		}

		private Written.Headers start() {
			this.started = true;
			return Written.Headers.changed(this.before, getHeaders());
		}

		private void copy(DataBuffer buffer) {
			int length = buffer.readableByteCount();
			if (this.tooBig || RecordedBody.this.released
					|| this.size + length > AnkorBearerExchangeFilterFunction.MAX_REPLAYED_BODY) {
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
				keep(new Written(headers, bytes));
			}
		}

	}

	private static Flux<DataBuffer> read(Path file, long position, long count, DataBufferFactory factory) {
		Flux<DataBuffer> buffers = DataBufferUtils.readAsynchronousFileChannel(
				() -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), position, factory, 8192);
		return DataBufferUtils.takeUntilByteCount(buffers, count);
	}

	/**
	 * A body as it was written: its headers, and its bytes ({@code null}: no body).
	 */
	private record Written(Headers headers, byte @Nullable [] bytes) {

		Mono<Void> writeTo(ClientHttpRequest message) {
			this.headers.applyTo(message.getHeaders());
			byte[] bytes = this.bytes;
			return (bytes != null) ? message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(bytes)))
					: message.setComplete();
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
