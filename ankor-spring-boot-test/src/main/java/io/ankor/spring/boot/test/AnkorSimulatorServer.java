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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.springframework.boot.convert.DurationStyle;

/**
 * A local {@link AnkorSimulator} in a process of its own, for running a packaged,
 * ahead-of-time processed or native application against it:
 *
 * <pre class="code">
 * java -cp ... io.ankor.spring.boot.test.AnkorSimulatorServer --properties=target/ankor.properties \
 *     [--port=8089] [--token-lifetime=1h] [--stubs=com.example.MyStubs]
 * java -jar app.jar --spring.config.import=file:target/ankor.properties
 * </pre>
 *
 * It writes the {@code ankor.*} properties that point at it to the {@code --properties}
 * file (the private key to {@code ankor-private-key.pem} beside it), applies the
 * {@code Consumer<AnkorSimulator>} named by {@code --stubs} (a public class with a public
 * no-argument constructor) to stub Ankor's API, and runs until the process ends.
 *
 * @author Ankor starter team
 */
public final class AnkorSimulatorServer {

	private static final Set<String> OPTIONS = Set.of("properties", "port", "token-lifetime", "stubs");

	private static final String USAGE = "--properties=<file> [--port=<port>] [--token-lifetime=<duration>] "
			+ "[--stubs=<a public Consumer<AnkorSimulator> class>]";

	private AnkorSimulatorServer() {
	}

	/**
	 * Starts the simulator.
	 * @param args {@code --properties=<file>}, and optionally {@code --port=<port>},
	 * {@code --token-lifetime=<duration>} and {@code --stubs=<class>}
	 * @throws Exception when the simulator cannot start or the files cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		Path properties = Path.of(options.get("properties")).toAbsolutePath();
		AnkorSimulator ankor = AnkorSimulator.builder()
			.port(Integer.parseInt(options.getOrDefault("port", "0")))
			.tokenLifetime(DurationStyle.detectAndParse(options.getOrDefault("token-lifetime", "1h")))
			.start();
		try {
			if (options.containsKey("stubs")) {
				stubs(options.get("stubs")).accept(ankor);
			}
			writeProperties(ankor, properties);
		}
		catch (Exception ex) {
			// WireMock's threads would keep the process alive
			ankor.close();
			System.err.println("The Ankor simulator could not be set up: " + ex);
			System.exit(1);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(ankor::close, "ankor-simulator-shutdown"));
		System.out.println("Ankor simulator at " + ankor.getBaseUrl() + "; its ankor.* properties are in " + properties);
		new CountDownLatch(1).await();
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
			if (name == null || !OPTIONS.contains(name)) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; expected " + USAGE);
			}
			options.put(name, arg.substring(equals + 1));
		}
		if (!options.containsKey("properties")) {
			throw new IllegalArgumentException("--properties=<file> is required; expected " + USAGE);
		}
		return options;
	}

	/** Writes the key, then the properties, each whole or not at all: readers never see half a file. */
	private static void writeProperties(AnkorSimulator ankor, Path properties) throws IOException {
		Files.createDirectories(properties.getParent());
		Path privateKey = properties.resolveSibling("ankor-private-key.pem");
		write(privateKey, ankor.getCredentials().getPrivateKeyPem());
		privateKey.toFile().deleteOnExit();
		// the simulator's own properties, with the keys as files rather than PEM text over lines
		Map<String, Object> values = new LinkedHashMap<>(ankor.getProperties());
		values.put("ankor.private-key", "file:" + privateKey.toString().replace('\\', '/'));
		values.remove("ankor.public-key");
		StringBuilder content = new StringBuilder();
		values.forEach((name, value) -> content.append(name).append('=').append(value).append(System.lineSeparator()));
		write(properties, content.toString());
	}

	private static void write(Path file, String content) throws IOException {
		Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
		try {
			// the throwaway key is for this machine's user only (where the file system knows owners)
			Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system
		}
		Files.writeString(partial, content, StandardCharsets.UTF_8);
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@SuppressWarnings("unchecked")
	private static Consumer<AnkorSimulator> stubs(String className) throws ReflectiveOperationException {
		return (Consumer<AnkorSimulator>) Class.forName(className).getConstructor().newInstance();
	}

}
