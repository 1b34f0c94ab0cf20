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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the README is code that this build compiles and runs: it stands,
 * to the character, in one of the examples (this module's {@code com.example} tests and
 * the sample), whole or as an excerpt, indented as it is there or by whole tabs.
 */
class ReadmeExamplesTests {

	private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

	private static final List<Path> EXAMPLES = List.of(Path.of("src", "test", "java", "com", "example"),
			Path.of("..", "sample-app", "src"));

	static Stream<String> javaSnippets() throws IOException {
		Matcher snippets = JAVA.matcher(Files.readString(Path.of("..", "README.md")));
		Stream.Builder<String> found = Stream.builder();
		while (snippets.find()) {
			found.add(snippets.group(1));
		}
		return found.build();
	}

	@Test
	void theReadmeHasJavaSnippets() throws IOException {
		assertThat(javaSnippets()).hasSizeGreaterThan(10);
	}

	@ParameterizedTest
	@MethodSource("javaSnippets")
	void everyJavaSnippetIsCodeThatIsCompiledAndRun(String snippet) throws IOException {
		assertThat(examples()).as("an example that holds this README snippet:%n%s", snippet)
			.anyMatch((source) -> holds(source, snippet));
	}

	private static boolean holds(String source, String snippet) {
		for (int tabs = 0; tabs <= 2; tabs++) {
			String indent = "\t".repeat(tabs);
			String indented = snippet.lines()
				.map((line) -> line.isEmpty() ? line : indent + line)
				.collect(Collectors.joining("\n", "", "\n"));
			if (source.contains(indented)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> examples() throws IOException {
		List<String> sources = new ArrayList<>();
		for (Path directory : EXAMPLES) {
			try (Stream<Path> files = Files.walk(directory)) {
				files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
					try {
						sources.add(Files.readString(file));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
			}
		}
		return sources;
	}

}
