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
package io.ankor.spring.boot.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.TokenRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Token requests and call latency of the starter against plain Spring Security, in one
 * run, against a strict local Ankor whose token endpoint takes 300 ms.
 * <p>
 * Each client makes 64 concurrent cold calls, then 64 callers call the API back to back
 * for a while that spans several token renewals. Both renew with the same margin: the
 * starter through {@code ankor.refresh-margin}, Spring Security through the provider's
 * clock skew.
 *
 * @author Ankor starter team
 */
public final class TokenLifecycleBenchmark {

	static final int CALLERS = Integer.getInteger("benchmark.callers", 64);

	static final Duration TOKEN_ENDPOINT_DELAY = Duration.ofMillis(Long.getLong("benchmark.token-delay-ms", 300));

	static final Duration TOKEN_LIFETIME = Duration.ofSeconds(Long.getLong("benchmark.token-lifetime-s", 15));

	static final Duration MARGIN = Duration.ofSeconds(Long.getLong("benchmark.margin-s", 5));

	static final Duration RUN = Duration.ofSeconds(Long.getLong("benchmark.run-s", 40));

	static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("benchmark.warm-up-s", 10));

	private TokenLifecycleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.out.printf(Locale.ROOT,
				"%d callers, token endpoint %d ms, token lifetime %d s, margin %d s, run %d s, warm-up %d s, %d cores, Java %s%n",
				CALLERS, TOKEN_ENDPOINT_DELAY.toMillis(), TOKEN_LIFETIME.toSeconds(), MARGIN.toSeconds(),
				RUN.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		// both clients run once before measuring, so that neither pays for the JVM's warm-up
		measure("Plain Spring Security (warm-up)", TokenLifecycleBenchmark::springSecurityClient, WARM_UP);
		measure("Ankor starter (warm-up)", TokenLifecycleBenchmark::starterClient, WARM_UP);
		Result springSecurity = measure("Plain Spring Security", TokenLifecycleBenchmark::springSecurityClient, RUN);
		Result starter = measure("Ankor starter", TokenLifecycleBenchmark::starterClient, RUN);
		System.out.println();
		System.out.println(table(springSecurity, starter));
		System.exit(0);
	}

	private static Result measure(String name, ClientFactory factory, Duration run) throws Exception {
		try (AnkorSimulator simulator = AnkorSimulator.builder().tokenLifetime(TOKEN_LIFETIME).start()) {
			simulator.setTokenEndpointDelay(TOKEN_ENDPOINT_DELAY);
			simulator.stubFor(WireMock.get("/website/yachts").willReturn(WireMock.okJson("[]")));
			try (Client client = factory.create(simulator)) {
				System.out.println(name + ": cold start");
				List<Long> cold = calls(client.webClient(), 1, Duration.ZERO);
				int coldRequests = simulator.getTokenRequests().size();
				simulator.clearTokenRequests();
				System.out.println(name + ": steady run");
				List<Long> steady = calls(client.webClient(), Integer.MAX_VALUE, run);
				List<TokenRequest> requests = simulator.getTokenRequests();
				int failed = (int) requests.stream().filter((request) -> !request.isSuccessful()).count();
				return new Result(name, coldRequests, cold, requests.size(), renewals(requests), steady, failed);
			}
		}
	}

	/** Token requests less than a second apart belong to one renewal. */
	private static int renewals(List<TokenRequest> requests) {
		int renewals = 0;
		Instant last = null;
		for (TokenRequest request : requests) {
			if (last == null || Duration.between(last, request.receivedAt()).compareTo(Duration.ofSeconds(1)) > 0) {
				renewals++;
			}
			last = request.receivedAt();
		}
		return renewals;
	}

	private static List<Long> calls(WebClient client, int callsPerCaller, Duration duration) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		CountDownLatch start = new CountDownLatch(1);
		AtomicInteger errors = new AtomicInteger();
		java.util.concurrent.atomic.AtomicReference<Throwable> firstError = new java.util.concurrent.atomic.AtomicReference<>();
		List<Future<long[]>> futures = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3600);
		for (int i = 0; i < CALLERS; i++) {
			futures.add(threads.submit(() -> {
				start.await();
				long end = duration.isZero() ? deadline : System.nanoTime() + duration.toNanos();
				long[] latencies = new long[1024];
				int count = 0;
				while (count < callsPerCaller && System.nanoTime() < end) {
					long before = System.nanoTime();
					try {
						client.get().uri("/website/yachts").retrieve().toBodilessEntity().block();
					}
					catch (RuntimeException ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex);
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = System.nanoTime() - before;
				}
				return Arrays.copyOf(latencies, count);
			}));
		}
		start.countDown();
		List<Long> all = new ArrayList<>();
		for (Future<long[]> future : futures) {
			for (long latency : future.get()) {
				all.add(latency);
			}
		}
		threads.shutdown();
		if (errors.get() > 0) {
			System.out.println("  calls that failed: " + errors.get() + ", first: " + firstError.get());
		}
		return all;
	}

	private static Client starterClient(AnkorSimulator simulator) {
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new java.util.LinkedHashMap<>(simulator.getProperties());
		properties.put("ankor.refresh-margin", MARGIN.toSeconds() + "s");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		application.setDefaultProperties(properties);
		ConfigurableApplicationContext context = application.run();
		return new Client(context.getBean("ankorWebClient", WebClient.class), context::close);
	}

	/**
	 * Spring Security wired as its reference documentation shows for the JWT-bearer grant,
	 * with the same assertion as the starter's and the same renewal margin.
	 */
	private static Client springSecurityClient(AnkorSimulator simulator) {
		WebClient webClient = WebClient.builder()
			.baseUrl(simulator.getBaseUrl())
			.filter(SpringSecurityReference.filter(simulator, MARGIN))
			.build();
		return new Client(webClient, () -> {
		});
	}

	private static String table(Result baseline, Result starter) {
		StringBuilder table = new StringBuilder();
		table.append("| | ").append(baseline.name).append(" | ").append(starter.name).append(" | ratio |\n");
		table.append("|---|---:|---:|---:|\n");
		row(table, "token requests, cold start (" + CALLERS + " callers)", baseline.coldRequests, starter.coldRequests);
		row(table, "token requests, steady run", baseline.runRequests, starter.runRequests);
		row(table, "renewals in the run", baseline.renewals, starter.renewals);
		table.append(String.format(Locale.ROOT, "| token requests per renewal | %.1f | %.1f | %s |%n",
				baseline.perRenewal(), starter.perRenewal(), ratio(starter.perRenewal(), baseline.perRenewal())));
		row(table, "refused token requests", baseline.failedRequests, starter.failedRequests);
		row(table, "calls in the run", baseline.steady.size(), starter.steady.size());
		for (double percentile : new double[] { 50, 99, 99.9 }) {
			double b = millis(baseline.steady, percentile);
			double s = millis(starter.steady, percentile);
			table.append(String.format(Locale.ROOT, "| p%s latency, ms | %.2f | %.2f | %s |%n",
					(percentile == 99.9) ? "99.9" : String.valueOf((int) percentile), b, s, ratio(s, b)));
		}
		double bMax = millis(baseline.steady, 100);
		double sMax = millis(starter.steady, 100);
		table.append(String.format(Locale.ROOT, "| max latency, ms | %.2f | %.2f | %s |%n", bMax, sMax, ratio(sMax, bMax)));
		return table.toString();
	}

	private static void row(StringBuilder table, String label, long baseline, long starter) {
		table.append("| ").append(label).append(" | ").append(baseline).append(" | ").append(starter).append(" | ")
			.append(ratio(starter, baseline)).append(" |\n");
	}

	private static String ratio(double starter, double baseline) {
		return (baseline == 0) ? "n/a" : String.format(Locale.ROOT, "%.3f", starter / baseline);
	}

	private static double millis(List<Long> latencies, double percentile) {
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000_000.0;
	}

	@FunctionalInterface
	interface ClientFactory {

		Client create(AnkorSimulator simulator);

	}

	record Client(WebClient webClient, Runnable closer) implements AutoCloseable {

		@Override
		public void close() {
			this.closer.run();
		}

	}

	record Result(String name, int coldRequests, List<Long> cold, int runRequests, int renewals, List<Long> steady,
			int failedRequests) {

		double perRenewal() {
			return (this.renewals == 0) ? 0 : (double) this.runRequests / this.renewals;
		}

	}

	@SpringBootApplication
	static class BenchmarkApplication {

	}

}
