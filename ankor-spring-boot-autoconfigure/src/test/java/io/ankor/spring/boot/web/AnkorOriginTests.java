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
package io.ankor.spring.boot.web;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AnkorOrigin}.
 */
class AnkorOriginTests {

	private final AnkorOrigin origin = AnkorOrigin.of(URI.create("http://127.0.0.1:8089"));

	@Test
	void matchesTheSameSchemeHostAndPort() {
		assertThat(this.origin.matches(URI.create("http://127.0.0.1:8089/website/yachts"))).isTrue();
	}

	@Test
	void doesNotMatchTheSameHostWithAnotherSchemeOrPort() {
		assertThat(this.origin.matches(URI.create("https://127.0.0.1:8089/website/yachts"))).isFalse();
		assertThat(this.origin.matches(URI.create("http://127.0.0.1:8090/website/yachts"))).isFalse();
		assertThat(this.origin.matches(URI.create("http://localhost:8089/website/yachts"))).isFalse();
	}

}
