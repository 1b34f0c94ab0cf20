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

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The fast path of {@link io.ankor.spring.boot.AnkorAccessTokenProvider} alone, with a
 * cached token: what every call through the starter's clients pays for its token.
 *
 * @author Ankor starter team
 * @see PerCallBenchmarks
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = PerCallBenchmarks.PROVIDER_WARMUP_ITERATIONS, time = PerCallBenchmarks.PROVIDER_ITERATION_SECONDS)
@Measurement(iterations = PerCallBenchmarks.MEASUREMENT_ITERATIONS, time = PerCallBenchmarks.PROVIDER_ITERATION_SECONDS)
public class TokenProviderBenchmark {

	@Benchmark
	public OAuth2AccessToken getAccessToken(PerCallEnvironment environment) {
		return environment.tokens.getAccessToken();
	}

	@Benchmark
	public OAuth2AccessToken getAccessTokenAsyncJoin(PerCallEnvironment environment) {
		return environment.tokens.getAccessTokenAsync().join();
	}

	@Benchmark
	public OAuth2AccessToken accessTokenBlock(PerCallEnvironment environment) {
		return environment.tokens.accessToken().block();
	}

}
