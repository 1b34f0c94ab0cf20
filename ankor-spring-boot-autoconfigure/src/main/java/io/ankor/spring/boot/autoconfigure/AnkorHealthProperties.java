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

/**
 * Settings of the 'ankor' health indicator: {@code ankor.health.*}.
 *
 * @author Ankor starter team
 */
public class AnkorHealthProperties {

	/**
	 * Whether the first health check of a cold application fetches a token. Otherwise
	 * health is UNKNOWN until the application first calls Ankor.
	 */
	private boolean initialFetch;

	public boolean isInitialFetch() {
		return this.initialFetch;
	}

	public void setInitialFetch(boolean initialFetch) {
		this.initialFetch = initialFetch;
	}

}
