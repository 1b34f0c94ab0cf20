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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A local {@link AnkorSimulator} in a process of its own, for running a packaged,
 * ahead-of-time processed or native application against it:
 *
 * <pre class="code">
 * java -cp ... io.ankor.spring.boot.test.AnkorSimulatorServer --properties=target/ankor.properties \
 *     [--port=8089] [--stubs=com.example.MyStubs]
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

	private AnkorSimulatorServer() {
	}

	/**
	 * Starts the simulator.
	 * @param args {@code --properties=<file>}, and optionally {@code --port=<port>} and
	 * {@code --stubs=<class>}
	 * @throws Exception when the simulator cannot start or the files cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		if (!options.containsKey("properties")) {
			throw new IllegalArgumentException("--properties=<file> is required: where the ankor.* properties go");
		}
		Path properties = Path.of(options.get("properties")).toAbsolutePath();
		AnkorSimulator ankor = AnkorSimulator.builder()
			.port(Integer.parseInt(options.getOrDefault("port", "0")))
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(ankor::close, "ankor-simulator-shutdown"));
		if (options.containsKey("stubs")) {
			stubs(options.get("stubs")).accept(ankor);
		}
		Path privateKey = properties.resolveSibling("ankor-private-key.pem");
		Files.createDirectories(properties.getParent());
		Files.writeString(privateKey, ankor.getCredentials().getPrivateKeyPem(), StandardCharsets.US_ASCII);
		Files.writeString(properties, String.join(System.lineSeparator(),
				"ankor.company-uri=" + ankor.getCredentials().getCompanyUri(),
				"ankor.key-id=" + ankor.getCredentials().getKeyId(),
				"ankor.private-key=file:" + privateKey.toString().replace('\\', '/'),
				"ankor.api-url=" + ankor.getBaseUrl(), ""), StandardCharsets.UTF_8);
		System.out.println("Ankor simulator at " + ankor.getBaseUrl() + "; its ankor.* properties are in " + properties);
		new CountDownLatch(1).await();
	}

	@SuppressWarnings("unchecked")
	private static Consumer<AnkorSimulator> stubs(String className) throws ReflectiveOperationException {
		return (Consumer<AnkorSimulator>) Class.forName(className).getConstructor().newInstance();
	}

}
