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

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One {@code GET /website/yachts} ({@code []}) on a kept-alive local connection, per
 * client: the starter's {@code ankorWebClient} and {@code ankorRestClient}, each against
 * a client from the same application's builder with a fixed {@code Authorization}
 * header, and Spring Security's OAuth2 filter on that {@code WebClient.Builder} for
 * reference. Every token is cached: what differs is the per-call cost of attaching it.
 *
 * @author Ankor starter team
 * @see PerCallBenchmarks
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = PerCallBenchmarks.HTTP_WARMUP_ITERATIONS, time = PerCallBenchmarks.HTTP_ITERATION_SECONDS)
@Measurement(iterations = PerCallBenchmarks.MEASUREMENT_ITERATIONS, time = PerCallBenchmarks.HTTP_ITERATION_SECONDS)
public class HttpCallBenchmark {

	/** Baseline of {@link #ankorWebClient} and {@link #springSecurityWebClient}. */
	@Benchmark
	public String webClientFixedHeader(PerCallEnvironment environment) {
		return get(environment.webClientFixedHeader);
	}

	@Benchmark
	public String ankorWebClient(PerCallEnvironment environment) {
		return get(environment.ankorWebClient);
	}

	@Benchmark
	public String springSecurityWebClient(PerCallEnvironment environment) {
		return get(environment.springSecurityWebClient);
	}

	/** Baseline of {@link #ankorRestClient}. */
	@Benchmark
	public String restClientFixedHeader(PerCallEnvironment environment) {
		return get(environment.restClientFixedHeader);
	}

	@Benchmark
	public String ankorRestClient(PerCallEnvironment environment) {
		return get(environment.ankorRestClient);
	}

	static String get(WebClient client) {
		return client.get().uri(YachtsStub.PATH).retrieve().bodyToMono(String.class).block();
	}

	static String get(RestClient client) {
		return client.get().uri(YachtsStub.PATH).retrieve().body(String.class);
	}

}
