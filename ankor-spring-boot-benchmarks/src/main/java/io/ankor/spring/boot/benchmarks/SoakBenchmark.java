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

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.test.AnkorSimulator;
import io.ankor.spring.boot.test.TokenEndpointFault;
import io.ankor.spring.boot.test.TokenRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * A soak of the starter on a bad day: 64 callers call Ankor's API through
 * {@code ankorRestClient} for a minute while tokens live 5 s and the token endpoint fails
 * one request in five, mostly with {@code 503}, now and then by stalling after its
 * headers. It counts calls that failed although a valid token could have served them
 * (all of them, here: Ankor's API itself never fails) and compares token requests with
 * the tokens issued. With {@code -Dsoak.day=worse}, the {@link WorseDay} comes on top:
 * the key files rotate and the shared JDBC token store goes away for a while.
 *
 * @author Ankor starter team
 */
public final class SoakBenchmark {

	static final int CALLERS = Integer.getInteger("soak.callers", 64);

	static final Duration RUN = Duration.ofSeconds(Long.getLong("soak.run-s", 60));

	static final Duration TOKEN_LIFETIME = Duration.ofSeconds(Long.getLong("soak.token-lifetime-s", 5));

	static final double FAILURE_RATE = Double.parseDouble(System.getProperty("soak.failure-rate", "0.2"));

	static final double STALL_SHARE = Double.parseDouble(System.getProperty("soak.stall-share", "0.25"));

	static final boolean WORSE_DAY = "worse".equals(System.getProperty("soak.day", "bad"));

	private SoakBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.out.printf(Locale.ROOT,
				"%d callers, %d s, tokens live %d s, %.0f %% of token requests fail (%.0f %% of those stall after "
						+ "headers, the rest 503), %d cores, Java %s%n",
				CALLERS, RUN.toSeconds(), TOKEN_LIFETIME.toSeconds(), FAILURE_RATE * 100, STALL_SHARE * 100,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		if (WORSE_DAY) {
			System.out.printf(Locale.ROOT, "worse day: the key files rotate every %d s (the old key deleted in Ankor "
					+ "once the application switched), the shared JDBC token store does not answer for %d s%n",
					WorseDay.ROTATE_EVERY.toSeconds(), WorseDay.STORE_OUTAGE.toSeconds());
		}
		try (AnkorSimulator simulator = AnkorSimulator.builder().tokenLifetime(TOKEN_LIFETIME).start()) {
			simulator.stubFor(WireMock.get("/website/yachts").willReturn(WireMock.okJson("[]")));
			SpringApplication application = new SpringApplication(SoakApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			Map<String, Object> properties = new LinkedHashMap<>(simulator.getProperties());
			properties.put("ankor.http.read-timeout", "1s");
			properties.put("spring.main.banner-mode", "off");
			properties.put("logging.level.root", "error");
			WorseDay worse = WORSE_DAY ? new WorseDay(simulator, Files.createTempDirectory("ankor-soak")) : null;
			if (worse != null) {
				worse.configure(properties);
				application.addInitializers((context) -> worse.registerStore((GenericApplicationContext) context));
			}
			application.setDefaultProperties(properties);
			try (ConfigurableApplicationContext context = application.run()) {
				RestClient client = context.getBean("ankorRestClient", RestClient.class);
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicInteger faults = new AtomicInteger();
				AtomicInteger stalls = new AtomicInteger();
				Thread injector = injector(simulator, running, faults, stalls);
				Thread rotation = (worse != null)
						? worse.start(context.getBean(AnkorAccessTokenProvider.class), running, RUN) : null;
				Result result = call(client);
				running.set(false);
				injector.join();
				if (rotation != null) {
					rotation.join();
				}
				report(result, simulator.getTokenRequests(), faults.get(), stalls.get(), worse);
			}
		}
		System.exit(0);
	}

	/**
	 * Decides for every token request, as it arrives, whether the next one fails: the
	 * simulator fails the next request it is told to.
	 */
	private static Thread injector(AnkorSimulator simulator, AtomicBoolean running, AtomicInteger faults,
			AtomicInteger stalls) {
		SplittableRandom random = new SplittableRandom(42);
		Thread thread = new Thread(() -> {
			int seen = -1;
			while (running.get()) {
				int requests = simulator.getTokenRequests().size();
				if (requests != seen) {
					seen = requests;
					if (random.nextDouble() < FAILURE_RATE) {
						boolean stall = random.nextDouble() < STALL_SHARE;
						simulator.failTokenEndpoint(1, stall ? TokenEndpointFault.stallAfterHeaders()
								: TokenEndpointFault.status(503));
						faults.incrementAndGet();
						if (stall) {
							stalls.incrementAndGet();
						}
					}
				}
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}, "soak-fault-injector");
		thread.start();
		return thread;
	}

	private static Result call(RestClient client) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		AtomicLong calls = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		long end = System.nanoTime() + RUN.toNanos();
		Future<?>[] callers = new Future<?>[CALLERS];
		for (int i = 0; i < CALLERS; i++) {
			callers[i] = threads.submit(() -> {
				while (System.nanoTime() < end) {
					try {
						client.get().uri("/website/yachts").retrieve().toBodilessEntity();
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
						firstFailure.compareAndSet(null, ex);
					}
					calls.incrementAndGet();
				}
			});
		}
		for (Future<?> caller : callers) {
			caller.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
		}
		threads.shutdown();
		return new Result(calls.get(), failed.get(), firstFailure.get());
	}

	private static void report(Result result, List<TokenRequest> requests, int faults, int stalls,
			@Nullable WorseDay worse) {
		long issued = requests.stream().filter(TokenRequest::isSuccessful).count();
		System.out.println();
		System.out.println("| | value |");
		System.out.println("|---|---:|");
		System.out.println("| calls | " + result.calls() + " |");
		System.out.println("| failed calls | " + result.failed() + " |");
		System.out.println("| token requests | " + requests.size() + " |");
		System.out.println("| of which failed by the injected faults (503 / stall) | " + (faults - stalls) + " / "
				+ stalls + " |");
		System.out.println("| tokens issued (renewals, cold start included) | " + issued + " |");
		System.out.printf(Locale.ROOT, "| token requests per token issued | %.2f |%n",
				(issued == 0) ? 0.0 : (double) requests.size() / issued);
		System.out.printf(Locale.ROOT, "| tokens issued per token lifetime of the run | %.2f |%n",
				issued / (double) (RUN.toMillis() / TOKEN_LIFETIME.toMillis()));
		if (worse != null) {
			System.out.println("| key rotations written / switched to (old key then deleted) | " + worse.rotations()
					+ " / " + worse.switched() + " |");
			System.out.println("| token requests refused for a deleted key | "
					+ requests.stream().filter((request) -> "invalid_grant".equals(request.error())).count() + " |");
			System.out.println("| store calls that met the outage (each waited for its end) | "
					+ worse.connectionsHeld() + " |");
		}
		if (result.firstFailure() != null) {
			System.out.println("first failed call: " + result.firstFailure());
		}
	}

	record Result(long calls, long failed, Throwable firstFailure) {

	}

	@SpringBootApplication
	static class SoakApplication {

	}

}
