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
package io.ankor.startupprobe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Where startup time goes, in one cold process: {@link StartupProbe} in a mode, with
 * Spring's startup steps on the main thread timed both by the clock and by the thread's
 * CPU time. Prints, in microseconds, one {@code step name wall cpu} line each:
 * {@code run} (the whole of {@code SpringApplication.run}), {@code config-classes} (the
 * self time of parsing configuration classes, where auto-configurations' conditions are
 * evaluated), and the self time (a step's time minus that of the steps inside it) of
 * each of the starter's beans (named {@code ankor...}) and auto-configurations. CPU time
 * shows the main thread's own work; wall time also shows how long it waited for a core
 * or a lock. Run by {@code startup.sh --steps}.
 *
 * @author Ankor starter team
 */
public final class StartupSteps implements ApplicationStartup {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Thread main = Thread.currentThread();

	private final Deque<Step> open = new ArrayDeque<>();

	/** Self wall and CPU time in nanoseconds, by bean or step name. */
	private final Map<String, long[]> selfTimes = new LinkedHashMap<>();

	private StartupSteps() {
	}

	public static void main(String[] args) {
		SpringApplication application = StartupProbe.application(args[0], args[1]);
		StartupSteps steps = new StartupSteps();
		application.setApplicationStartup(steps);
		long wall = System.nanoTime();
		long cpu = THREADS.getCurrentThreadCpuTime();
		try (ConfigurableApplicationContext context = application.run()) {
			print("run", System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
		}
		steps.selfTimes.forEach((name, times) -> {
			if (name.equals("config-classes") || name.toLowerCase(Locale.ROOT).startsWith("ankor")
					|| name.startsWith("io.ankor.spring.")) {
				print(name, times[0], times[1]);
			}
		});
	}

	/** One line of the result, marked so that the script can tell it from anything else on standard output. */
	private static void print(String name, long wallNanos, long cpuNanos) {
		System.out.println("step " + name.replace(' ', '_') + " " + wallNanos / 1000 + " " + cpuNanos / 1000);
	}

	@Override
	public StartupStep start(String name) {
		if (Thread.currentThread() != this.main) {
			return new Step(name, null, false);
		}
		Step step = new Step(name, this.open.peek(), true);
		this.open.push(step);
		return step;
	}

	/**
	 * A step; only its name and its {@code beanName} tag are kept, since nothing here
	 * reads ids, parents or tags back (as {@code BufferingApplicationStartup}, JFR or the
	 * actuator would).
	 */
	private final class Step implements StartupStep {

		private final String name;

		private final @Nullable Step parent;

		private final boolean timed;

		private final long startWall;

		private final long startCpu;

		private long innerWall;

		private long innerCpu;

		private @Nullable String bean;

		Step(String name, @Nullable Step parent, boolean timed) {
			this.name = name;
			this.parent = parent;
			this.timed = timed;
			this.startWall = timed ? System.nanoTime() : 0;
			this.startCpu = timed ? THREADS.getCurrentThreadCpuTime() : 0;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public long getId() {
			return 0;
		}

		@Override
		public @Nullable Long getParentId() {
			return null;
		}

		@Override
		public StartupStep tag(String key, String value) {
			if (key.equals("beanName")) {
				this.bean = value;
			}
			return this;
		}

		@Override
		public StartupStep tag(String key, Supplier<String> value) {
			return this;
		}

		@Override
		public Tags getTags() {
			return Collections::emptyIterator;
		}

		@Override
		public void end() {
			if (!this.timed) {
				return;
			}
			long wall = System.nanoTime() - this.startWall;
			long cpu = THREADS.getCurrentThreadCpuTime() - this.startCpu;
			StartupSteps.this.open.remove(this);
			if (this.parent != null) {
				this.parent.innerWall += wall;
				this.parent.innerCpu += cpu;
			}
			String key = (this.bean != null && this.name.equals("spring.beans.instantiate")) ? this.bean
					: this.name.equals("spring.context.config-classes.parse") ? "config-classes" : this.name;
			long[] times = StartupSteps.this.selfTimes.computeIfAbsent(key, (stepName) -> new long[2]);
			times[0] += wall - this.innerWall;
			times[1] += cpu - this.innerCpu;
		}

	}

}
