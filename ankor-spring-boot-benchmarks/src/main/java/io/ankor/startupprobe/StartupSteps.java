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

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * Where startup time goes, in one cold process: {@link StartupProbe} in a mode, with
 * Spring's startup steps recorded. Prints the time of the whole run and the self time (a
 * step's time minus that of the steps inside it) of each bean whose name starts with
 * {@code ankor}, in microseconds, one {@code name value} line each. Run by
 * {@code startup.sh --steps}.
 *
 * @author Ankor starter team
 */
public final class StartupSteps {

	private StartupSteps() {
	}

	public static void main(String[] args) {
		SpringApplication application = StartupProbe.application(args[0], args[1]);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
		application.setApplicationStartup(startup);
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = application.run()) {
			System.out.println("run " + (System.nanoTime() - start) / 1000);
		}
		List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<Long, Long> inner = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				inner.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		for (TimelineEvent event : events) {
			StartupStep step = event.getStartupStep();
			String bean = beanName(step);
			if (step.getName().equals("spring.beans.instantiate") && bean != null
					&& bean.toLowerCase(Locale.ROOT).startsWith("ankor")) {
				long self = event.getDuration().toNanos() - inner.getOrDefault(step.getId(), 0L);
				System.out.println(bean.replace(' ', '_') + " " + self / 1000);
			}
		}
	}

	private static @Nullable String beanName(StartupStep step) {
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("beanName")) {
				return tag.getValue();
			}
		}
		return null;
	}

}
