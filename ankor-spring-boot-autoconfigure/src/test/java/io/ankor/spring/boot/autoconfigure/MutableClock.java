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
package io.ankor.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * A clock that a test moves forward, so that time passes without sleeping: the system
 * clock shifted by an offset, or, {@link #frozenAt frozen}, a fixed instant that moves
 * only when the test says so.
 */
public final class MutableClock extends Clock {

	private final @Nullable Instant frozen;

	private volatile Duration offset = Duration.ZERO;

	private volatile Runnable onRead = () -> {
	};

	/**
	 * The system clock, until advanced.
	 */
	public MutableClock() {
		this(null);
	}

	private MutableClock(@Nullable Instant frozen) {
		this.frozen = frozen;
	}

	/**
	 * A clock that stands still at the given instant until advanced.
	 * @param instant the instant
	 * @return the clock
	 */
	public static MutableClock frozenAt(Instant instant) {
		return new MutableClock(instant);
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/**
	 * Runs something each time the clock is read, before it answers: to hold a thread at
	 * a chosen point, say.
	 * @param action what runs, on the reading thread
	 */
	public void onRead(Runnable action) {
		this.onRead = action;
	}

	@Override
	public Instant instant() {
		this.onRead.run();
		return ((this.frozen != null) ? this.frozen : Instant.now()).plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	/**
	 * Whether {@code System.gc()} collects in this JVM, for tests that show an object is
	 * let go: not with {@code -XX:+DisableExplicitGC}.
	 * @return whether explicit garbage collections run
	 */
	public static boolean explicitGcRuns() {
		return !java.lang.management.ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.contains("-XX:+DisableExplicitGC");
	}

}
