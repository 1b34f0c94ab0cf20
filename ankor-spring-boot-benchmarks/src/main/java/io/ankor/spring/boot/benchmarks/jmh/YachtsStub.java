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
package io.ankor.spring.boot.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * Ankor's API reduced to {@code GET /website/yachts} answering {@code []}: a Reactor
 * Netty server on {@code 127.0.0.1} with one event-loop thread of its own, so that the
 * clients' event loops are not shared with it. It accepts any {@code Authorization}
 * header; it is the cost of the call around the token that is measured, not the
 * token's check.
 *
 * @author Ankor starter team
 */
final class YachtsStub implements AutoCloseable {

	static final String PATH = "/website/yachts";

	private static final byte[] BODY = "[]".getBytes(StandardCharsets.US_ASCII);

	private final LoopResources loop;

	private final DisposableServer server;

	private YachtsStub(LoopResources loop, DisposableServer server) {
		this.loop = loop;
		this.server = server;
	}

	static YachtsStub start() {
		LoopResources loop = LoopResources.create("yachts-stub", 1, 1, true);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(loop)
			.route((routes) -> routes.get(PATH,
					(request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(BODY.length))
						.sendByteArray(Mono.just(BODY))))
			.bindNow(Duration.ofSeconds(10));
		return new YachtsStub(loop, server);
	}

	/**
	 * The base URL, the value for {@code ankor.api-url}.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	String getBaseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loop.disposeLater().block(Duration.ofSeconds(5));
	}

}
