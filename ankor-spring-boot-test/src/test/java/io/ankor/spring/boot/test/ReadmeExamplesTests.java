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
package io.ankor.spring.boot.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's complete examples are the files compiled and run with these tests, to
 * the character.
 */
class ReadmeExamplesTests {

	@ParameterizedTest
	@ValueSource(strings = { "com/example/fleet/FleetServiceTests.java", "com/example/charter/TestCharterApplication.java",
			"com/example/charter/LocalAnkorStubs.java" })
	void theReadmeShowsTheExampleAsItIsCompiled(String example) throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String source = Files.readString(Path.of("src", "test", "java", example));
		assertThat(readme).contains("```java\n" + source + "```");
	}

}
