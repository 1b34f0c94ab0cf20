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

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.ankor.spring.boot.Ankor;
import io.ankor.spring.boot.AnkorAccessTokenProvider;
import io.ankor.spring.boot.AnkorRestClientCustomizer;
import io.ankor.spring.boot.AnkorWebClientCustomizer;
import io.ankor.spring.boot.accounts.AccountSettings;
import io.ankor.spring.boot.accounts.AnkorAccountRegistry;
import io.ankor.spring.boot.web.AnkorClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code ankorWebClient} and {@code ankorRestClient} beans:
 * built from Spring Boot's builders, with base URL {@code ankor.api-url} and the access
 * token of the {@link AnkorAccessTokenProvider} on requests to that origin only; and the
 * same for the clients of the HTTP service group {@value #HTTP_SERVICE_GROUP}
 * ({@code @ImportHttpServices(group = "ankor", types = ...)}), and of the group
 * {@code ankor-<name>} of each account under {@code ankor.accounts}.
 *
 * @author Ankor starter team
 */
@AutoConfiguration(after = AnkorTokenAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration" })
@ConditionalOnBean(AnkorAccessTokenProvider.class)
@Import({ AnkorClientsAutoConfiguration.WebClientConfiguration.class,
		AnkorClientsAutoConfiguration.RestClientConfiguration.class })
public final class AnkorClientsAutoConfiguration {

	/**
	 * The HTTP service group whose clients call Ankor.
	 * @see Ankor#HTTP_SERVICE_GROUP
	 */
	public static final String HTTP_SERVICE_GROUP = Ankor.HTTP_SERVICE_GROUP;

	/**
	 * The base URL: after Spring Boot's configurer of WebClient groups' properties, before
	 * that of RestClient groups and before the application's configurers, which may set
	 * another.
	 */
	static final int HTTP_SERVICE_GROUP_BASE_URL_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	/**
	 * The token: after every other configurer of the group, the application's customizers
	 * and configurers included, so that the bearer token is added innermost: nothing the
	 * application adds to a group's client sits between the starter's token handling and
	 * the wire.
	 */
	static final int HTTP_SERVICE_GROUP_ORDER = Ordered.LOWEST_PRECEDENCE;

	private static final String SERVICE_CLIENT_PROPERTIES = "spring.http.serviceclient.";

	/**
	 * Points the clients of each Ankor HTTP service group at its account: the group
	 * {@code ankor} at the default account, {@code ankor-<name>} at each further one.
	 */
	static <B> void configureAccountGroups(HttpServiceGroupConfigurer.Groups<B> groups, AnkorSettings settings,
			AnkorAccessTokenProvider tokens, ObjectProvider<AnkorAccountRegistry> accounts, AccountClient<B> client) {
		String apiUrl = settings.account().apiUrl();
		groups.filterByName(HTTP_SERVICE_GROUP)
			.forEachClient((group, builder) -> client.configure(HTTP_SERVICE_GROUP, builder, apiUrl, tokens));
		AnkorAccountRegistry registry = accounts.getIfAvailable();
		if (registry == null) {
			return;
		}
		for (String account : registry.getNames()) {
			AccountSettings accountSettings = registry.getSettings(account);
			if (!accountSettings.isDefault()) {
				String group = accountSettings.registrationId();
				String accountApiUrl = accountSettings.apiUrl();
				AnkorAccessTokenProvider provider = registry.getTokenProvider(account);
				groups.filterByName(group)
					.forEachClient((ignored, builder) -> client.configure(group, builder, accountApiUrl, provider));
			}
		}
	}

	/**
	 * Sets a group client's base URL to its account's API URL, unless the group has one of
	 * its own.
	 */
	static <B> AccountClient<B> baseUrl(Environment environment, BiConsumer<B, String> setBaseUrl) {
		return (group, builder, apiUrl, tokens) -> {
			if (!hasOwnBaseUrl(Binder.get(environment), group)) {
				setBaseUrl.accept(builder, apiUrl);
			}
		};
	}

	/**
	 * Whether a group has a base URL of its own, {@code spring.http.serviceclient.<group>.base-url},
	 * which Spring Boot's properties configurer sets.
	 */
	static boolean hasOwnBaseUrl(Binder binder, String group) {
		return binder.bind(SERVICE_CLIENT_PROPERTIES + group + ".base-url", String.class).isBound();
	}

	/** Configures one client builder of a group for an account. */
	@FunctionalInterface
	interface AccountClient<B> {

		void configure(String group, B builder, String apiUrl, AnkorAccessTokenProvider tokens);

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "ankorWebClient")
		WebClient ankorWebClient(ObjectProvider<WebClient.Builder> builderProvider, AnkorSettings settings,
				AnkorAccessTokenProvider tokens, ObjectProvider<AnkorWebClientCustomizer> customizers) {
			return AnkorClients.webClient(builderProvider.getIfAvailable(WebClient::builder),
					settings.account().apiUrl(), tokens, customizers.orderedStream());
		}

		private static WebClientHttpServiceGroupConfigurer groups(int order,
				Consumer<HttpServiceGroupConfigurer.Groups<WebClient.Builder>> configure) {
			return new WebClientHttpServiceGroupConfigurer() {

				@Override
				public void configureGroups(Groups<WebClient.Builder> groups) {
					configure.accept(groups);
				}

				@Override
				public int getOrder() {
					return order;
				}

			};
		}

		/** The groups' base URL; the configurer type ships with WebClient in spring-webflux. */
		@Bean
		WebClientHttpServiceGroupConfigurer ankorWebClientHttpServiceGroupBaseUrlConfigurer(Environment environment,
				AnkorSettings settings, AnkorAccessTokenProvider tokens,
				ObjectProvider<AnkorAccountRegistry> accounts) {
			return groups(HTTP_SERVICE_GROUP_BASE_URL_ORDER, (groups) -> configureAccountGroups(groups,
					settings, tokens, accounts, baseUrl(environment, WebClient.Builder::baseUrl)));
		}

		/** The groups' customizers and token, innermost. */
		@Bean
		WebClientHttpServiceGroupConfigurer ankorWebClientHttpServiceGroupConfigurer(AnkorSettings settings,
				AnkorAccessTokenProvider tokens, ObjectProvider<AnkorAccountRegistry> accounts,
				ObjectProvider<AnkorWebClientCustomizer> customizers) {
			return groups(HTTP_SERVICE_GROUP_ORDER,
					(groups) -> configureAccountGroups(groups, settings, tokens, accounts,
							(group, builder, apiUrl, provider) -> {
								customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
								builder.filter(AnkorClients.filter(provider, apiUrl));
							}));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClient.class)
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "ankorRestClient")
		RestClient ankorRestClient(ObjectProvider<RestClient.Builder> builderProvider, AnkorSettings settings,
				AnkorAccessTokenProvider tokens, ObjectProvider<AnkorRestClientCustomizer> customizers) {
			return AnkorClients.restClient(builderProvider.getIfAvailable(RestClient::builder),
					settings.account().apiUrl(), tokens, customizers.orderedStream());
		}

		private static RestClientHttpServiceGroupConfigurer groups(int order,
				Consumer<HttpServiceGroupConfigurer.Groups<RestClient.Builder>> configure) {
			return new RestClientHttpServiceGroupConfigurer() {

				@Override
				public void configureGroups(Groups<RestClient.Builder> groups) {
					configure.accept(groups);
				}

				@Override
				public int getOrder() {
					return order;
				}

			};
		}

		/** The groups' base URL; the configurer type ships with RestClient in spring-web. */
		@Bean
		RestClientHttpServiceGroupConfigurer ankorRestClientHttpServiceGroupBaseUrlConfigurer(Environment environment,
				AnkorSettings settings, AnkorAccessTokenProvider tokens,
				ObjectProvider<AnkorAccountRegistry> accounts) {
			return groups(HTTP_SERVICE_GROUP_BASE_URL_ORDER, (groups) -> configureAccountGroups(groups,
					settings, tokens, accounts, baseUrl(environment, RestClient.Builder::baseUrl)));
		}

		/** The groups' customizers and token, innermost. */
		@Bean
		RestClientHttpServiceGroupConfigurer ankorRestClientHttpServiceGroupConfigurer(AnkorSettings settings,
				AnkorAccessTokenProvider tokens, ObjectProvider<AnkorAccountRegistry> accounts,
				ObjectProvider<AnkorRestClientCustomizer> customizers) {
			return groups(HTTP_SERVICE_GROUP_ORDER,
					(groups) -> configureAccountGroups(groups, settings, tokens, accounts,
							(group, builder, apiUrl, provider) -> {
								customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
								builder.requestInterceptor(AnkorClients.interceptor(provider, apiUrl));
							}));
		}

	}

}
