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
package io.ankor.spring.boot.token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A provider's source of tokens across rotations of its credentials: the source of the
 * current credentials, and those a rotation retired whose request still runs, which are
 * closed, with that request cut off, when the provider closes.
 *
 * @author Ankor starter team
 */
final class RotatingTokenSource {

	private volatile TokenSource current;

	/** Retired sources whose request still runs; guarded by {@code this}. */
	private final Set<TokenSource> retiring = Collections.newSetFromMap(new IdentityHashMap<>());

	/** Guarded by {@code this}. */
	private boolean closed;

	RotatingTokenSource(TokenSource first) {
		this.current = first;
	}

	/**
	 * The source of the current credentials, for a request that must stay with it.
	 * @return the current source
	 */
	TokenSource current() {
		return this.current;
	}

	/**
	 * Makes the source of new credentials the current one; called under the
	 * {@link TokenCache}'s lock, so that its cache changes with it.
	 * @param next the new source
	 * @return the source it replaces, to {@link #retire} once out of that lock
	 */
	TokenSource switchTo(TokenSource next) {
		synchronized (this) {
			TokenSource retired = this.current;
			this.current = next;
			if (!this.closed) {
				this.retiring.add(retired);
			}
			return retired;
		}
	}

	/**
	 * Retires a replaced source: it takes no new request, and its request in progress
	 * runs to its end, unless this source closes first.
	 * @param retired the replaced source
	 */
	void retire(TokenSource retired) {
		synchronized (this) {
			if (this.closed) {
				// closed with this source already
				return;
			}
		}
		retired.retire().whenComplete((ignored, failure) -> {
			synchronized (this) {
				this.retiring.remove(retired);
			}
		});
	}

	/**
	 * Closes the current source and every retired one whose request still runs.
	 */
	void close() {
		List<TokenSource> sources;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			sources = new ArrayList<>(this.retiring);
			this.retiring.clear();
			sources.add(0, this.current);
		}
		sources.forEach(TokenSource::close);
	}

}
