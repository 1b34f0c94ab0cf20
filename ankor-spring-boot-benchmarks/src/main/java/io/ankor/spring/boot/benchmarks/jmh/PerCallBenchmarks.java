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

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Per-call cost at the physical limit, measured with JMH in one run: one caller, a local
 * Reactor Netty stub as Ankor's API ({@link YachtsStub}), a cached token that lives an
 * hour. Runs every benchmark of this package, {@link HttpCallBenchmark} and
 * {@link TokenProviderBenchmark}, each in its own forked JVM (sample time: p50 and p99
 * per call, in µs), prints JMH's usual output and then the ratios of each Ankor client to
 * its fixed-header baseline built from the same application's builder, and of Spring
 * Security's OAuth2 filter to the {@code WebClient} baseline.
 * <p>
 * Run from the repository's root, in one command (about 6 minutes on 2 cores: each of
 * the 8 benchmarks starts its own JVM, simulator and application):
 *
 * <pre>
 * mvn -B -q -pl ankor-spring-boot-benchmarks -am compile exec:java -Dexec.mainClass=io.ankor.spring.boot.benchmarks.jmh.PerCallBenchmarks
 * </pre>
 *
 * {@code exec:java} runs this class inside Maven's JVM with a class loader of the
 * module's runtime classpath, while JMH starts each fork with the {@code java.class.path}
 * system property, which there names Maven's own launcher. So this class sets that
 * property to its class loader's classpath for the run (and back afterwards). Launched
 * with {@code java -cp ...} it leaves the property as it is.
 * <p>
 * {@code -DperCall.quick=true} runs one 1 s warm-up and one 1 s measurement iteration per
 * benchmark, to check the wiring; a regular expression as the only argument replaces
 * the package's: for example {@code -Dexec.args=ankorRestClient}.
 *
 * @author Ankor starter team
 */
public final class PerCallBenchmarks {

	/**
	 * Warm-up iterations of an HTTP call: Reactor Netty, the codecs and the filters take
	 * about 20 s of calls on 2 cores before a call's latency settles.
	 */
	static final int HTTP_WARMUP_ITERATIONS = 5;

	static final int HTTP_ITERATION_SECONDS = 4;

	/** The token provider's fast path is a few methods: it settles within seconds. */
	static final int PROVIDER_WARMUP_ITERATIONS = 3;

	static final int PROVIDER_ITERATION_SECONDS = 2;

	static final int MEASUREMENT_ITERATIONS = 5;

	private static final String PACKAGE = PerCallBenchmarks.class.getPackageName();

	private PerCallBenchmarks() {
	}

	public static void main(String[] args) {
		String include = (args.length > 0) ? args[0] : "^" + PACKAGE.replace(".", "\\.") + "\\..*";
		ChainedOptionsBuilder options = new OptionsBuilder().include(include)
			.jvmArgs("-Xms1g", "-Xmx1g")
			.shouldFailOnError(true);
		if (Boolean.getBoolean("perCall.quick")) {
			options.warmupIterations(1)
				.warmupTime(TimeValue.seconds(1))
				.measurementIterations(1)
				.measurementTime(TimeValue.seconds(1));
		}
		int status;
		try {
			Collection<RunResult> results = run(options.build());
			System.out.println();
			System.out.println(table(results));
			status = 0;
		}
		catch (RunnerException ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private static Collection<RunResult> run(Options options) throws RunnerException {
		String classpath = System.getProperty("java.class.path");
		String runtimeClasspath = runtimeClasspath();
		if (runtimeClasspath != null) {
			System.setProperty("java.class.path", runtimeClasspath);
		}
		try {
			return new Runner(options).run();
		}
		finally {
			System.setProperty("java.class.path", classpath);
		}
	}

	/**
	 * The classpath of the class loader that loaded this class when it is not the
	 * application class loader: {@code exec:java}'s, of the module's runtime classpath.
	 * @return the classpath, or {@code null} when {@code java.class.path} already is it
	 */
	static String runtimeClasspath() {
		ClassLoader loader = PerCallBenchmarks.class.getClassLoader();
		if (loader == ClassLoader.getSystemClassLoader() || !(loader instanceof URLClassLoader urlLoader)) {
			return null;
		}
		List<String> entries = new ArrayList<>();
		for (URL url : urlLoader.getURLs()) {
			try {
				entries.add(Path.of(url.toURI()).toString());
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				throw new IllegalStateException("Cannot put " + url + " on the forks' classpath", ex);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/**
	 * The latency of each benchmark and the ratios of the Ankor clients to their
	 * baselines, as Markdown.
	 */
	static String table(Collection<RunResult> results) {
		Map<String, Statistics> byMethod = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark();
			byMethod.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
					result.getPrimaryResult().getStatistics());
		}
		StringBuilder table = new StringBuilder();
		table.append("| benchmark | samples | p50, µs | p99, µs |\n");
		table.append("|---|---:|---:|---:|\n");
		byMethod.forEach((method, statistics) -> table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n",
				method, statistics.getN(), statistics.getPercentile(50), statistics.getPercentile(99))));
		table.append('\n');
		table.append("| ratio | p50 | p99 |\n");
		table.append("|---|---:|---:|\n");
		ratio(table, byMethod, "ankorWebClient", "webClientFixedHeader");
		ratio(table, byMethod, "ankorRestClient", "restClientFixedHeader");
		ratio(table, byMethod, "springSecurityWebClient", "webClientFixedHeader");
		return table.toString();
	}

	private static void ratio(StringBuilder table, Map<String, Statistics> byMethod, String client, String baseline) {
		Statistics measured = byMethod.get(client);
		Statistics reference = byMethod.get(baseline);
		if (measured == null || reference == null) {
			return;
		}
		table.append(String.format(Locale.ROOT, "| %s ÷ %s | %.3f | %.3f |%n", client, baseline,
				measured.getPercentile(50) / reference.getPercentile(50),
				measured.getPercentile(99) / reference.getPercentile(99)));
	}

}
