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
package io.ankor.spring.boot;

import java.util.Set;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every Ankor account of the application by name, in the style of Spring Boot's
 * {@code SslBundles}: the {@value #DEFAULT} account of the top-level {@code ankor.*}
 * properties and one per {@code ankor.accounts.<name>.*}. Each account has its own
 * credentials, token cache, single flight and renewal; its clients send its token only
 * to its {@code api-url}.
 *
 * @author Ankor starter team
 */
public interface AnkorAccounts {

	/** The name of the account configured by the top-level {@code ankor.*} properties. */
	String DEFAULT = "default";

	/**
	 * The names of the accounts: {@value #DEFAULT} first, then the others in the order
	 * of their configuration.
	 * @return the names
	 */
	Set<String> getNames();

	/**
	 * The token provider of an account.
	 * @param name the account
	 * @return its provider
	 * @throws IllegalArgumentException when there is no such account
	 */
	AnkorAccessTokenProvider getTokenProvider(String name);

	/**
	 * The {@link WebClient} of an account: base URL its {@code api-url}, its token on
	 * every request to that origin. For {@value #DEFAULT}, the {@code ankorWebClient}
	 * bean.
	 * @param name the account
	 * @return its client
	 * @throws IllegalArgumentException when there is no such account
	 * @throws IllegalStateException when Spring WebFlux is not on the classpath
	 */
	WebClient getWebClient(String name);

	/**
	 * The {@link RestClient} of an account: base URL its {@code api-url}, its token on
	 * every request to that origin. For {@value #DEFAULT}, the {@code ankorRestClient}
	 * bean.
	 * @param name the account
	 * @return its client
	 * @throws IllegalArgumentException when there is no such account
	 */
	RestClient getRestClient(String name);

}
