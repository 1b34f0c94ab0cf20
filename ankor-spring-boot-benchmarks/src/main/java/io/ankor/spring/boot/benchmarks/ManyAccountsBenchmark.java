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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ankor.spring.boot.AnkorAccounts;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.AnkorTestCredentials;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * An agency platform serving many charter companies from one application: {@code N}
 * further accounts ({@code -Daccounts.count}, 200 by default), each with a key of its
 * own, each calling Ankor's API once through its {@code WebClient}, all at the same time.
 * It reports the threads the starter added (live and peak, against the same JVM after
 * the same calls without the starter), the context's startup time, the heap after a GC, and how
 * long the first calls took.
 *
 * @author Ankor starter team
 */
public final class ManyAccountsBenchmark {

	static final int ACCOUNTS = Integer.getInteger("accounts.count", 200);

	private ManyAccountsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (AnkorSimulator simulator = AnkorSimulator.builder().start()) {
			simulator.stubFor(WireMock.get("/website/yachts").willReturn(WireMock.okJson("[]")));
			AnkorTestCredentials company = simulator.getCredentials();
			Map<String, Object> properties = new LinkedHashMap<>(simulator.getProperties());
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.root", "warn");
			properties.put("logging.level.io.ankor", "warn");
			List<String> names = new ArrayList<>();
			for (int i = 1; i <= ACCOUNTS; i++) {
				String name = "company-%03d".formatted(i);
				String companyUri = "https://" + name + ".example.com";
				String keyId = "key-" + name;
				simulator.registerKey(keyId, company.getPublicKeyPem(), companyUri);
				String prefix = "ankor.accounts." + name;
				properties.put(prefix + ".company-uri", companyUri);
				properties.put(prefix + ".key-id", keyId);
				properties.put(prefix + ".private-key", company.getPrivateKeyPem());
				names.add(name);
			}
			// the same calls without the starter first: Reactor Netty's own threads are there before it
			List<CompletableFuture<?>> plain = new ArrayList<>();
			WebClient plainClient = WebClient.create(simulator.getBaseUrl());
			for (int i = 0; i < ACCOUNTS; i++) {
				// answered 401 without a token: what counts here is the same HTTP traffic
				plain.add(plainClient.get()
					.uri("/website/yachts")
					.exchangeToMono((response) -> response.releaseBody())
					.toFuture());
			}
			CompletableFuture.allOf(plain.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			SpringApplication application = new SpringApplication(ManyAccountsApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(properties);
			System.gc();
			int threadsBefore = threads.getThreadCount();
			Set<String> namesBefore = threadNames();
			long heapBefore = memory.getHeapMemoryUsage().getUsed();
			threads.resetPeakThreadCount();
			long start = System.nanoTime();
			try (ConfigurableApplicationContext context = application.run()) {
				long started = System.nanoTime();
				AnkorAccounts accounts = context.getBean(AnkorAccounts.class);
				int threadsStarted = threads.getThreadCount();
				List<CompletableFuture<Long>> calls = new ArrayList<>();
				long callsStart = System.nanoTime();
				for (String name : names) {
					WebClient client = accounts.getWebClient(name);
					calls.add(client.get()
						.uri("/website/yachts")
						.retrieve()
						.toBodilessEntity()
						.map((response) -> System.nanoTime() - callsStart)
						.toFuture());
				}
				List<Long> times = new ArrayList<>();
				for (CompletableFuture<Long> call : calls) {
					times.add(call.get(120, TimeUnit.SECONDS));
				}
				times.sort(null);
				int threadsAfterCalls = threads.getThreadCount();
				int peak = threads.getPeakThreadCount();
				System.gc();
				long heapAfter = memory.getHeapMemoryUsage().getUsed();
				System.out.printf(Locale.ROOT, "%d accounts, %d cores, Java %s%n", ACCOUNTS,
						Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
				System.out.printf(Locale.ROOT, "startup: %d ms (context with %d accounts)%n",
						TimeUnit.NANOSECONDS.toMillis(started - start), accounts.getNames().size());
				System.out.printf(Locale.ROOT, "threads: %d before the context, %d once started, %d after the "
						+ "first calls (+%d), peak %d (+%d)%n", threadsBefore, threadsStarted, threadsAfterCalls,
						threadsAfterCalls - threadsBefore, peak, peak - threadsBefore);
				Map<String, Long> added = threadNames().stream()
					.filter((name) -> !namesBefore.contains(name))
					.collect(Collectors.groupingBy((name) -> name.replaceAll("\\d+", "N"), TreeMap::new,
							Collectors.counting()));
				System.out.printf(Locale.ROOT, "threads added, by name: %s%n", added);
				System.out.printf(Locale.ROOT, "heap after GC: +%.1f MB%n", (heapAfter - heapBefore) / 1048576.0);
				System.out.printf(Locale.ROOT, "first calls (all %d at once): median %d ms, p90 %d ms, last %d ms; "
						+ "%d token requests%n", times.size(), millis(times, 0.5), millis(times, 0.9),
						millis(times, 1.0), simulator.getTokenRequests().size());
			}
		}
		System.exit(0);
	}

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
	}

	private static long millis(List<Long> sorted, double quantile) {
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
		return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
	}

	/**
	 * The application: nothing but the starter.
	 */
	@SpringBootApplication
	static class ManyAccountsApplication {

	}

}
