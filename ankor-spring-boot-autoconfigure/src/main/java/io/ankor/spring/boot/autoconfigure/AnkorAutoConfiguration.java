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

import io.ankor.spring.boot.Ankor;
import io.ankor.spring.boot.accounts.DefaultAccountCredentials;
import io.ankor.spring.boot.credentials.AnkorCredentials;
import io.ankor.spring.boot.credentials.AnkorKeys;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Ankor's identity: properties and the default account's
 * credentials (company URI, key id, private key), read and checked at startup.
 *
 * @author Ankor starter team
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "ankor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AnkorProperties.class)
public final class AnkorAutoConfiguration {

	/**
	 * Name of an optional {@link Clock} bean for the starter's own time keeping.
	 * @see Ankor#CLOCK_BEAN
	 */
	public static final String CLOCK_BEAN = Ankor.CLOCK_BEAN;

	private static final Log logger = LogFactory.getLog(AnkorAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(AnkorConnectionDetails.class)
	PropertiesAnkorConnectionDetails ankorConnectionDetails(AnkorProperties properties) {
		return new PropertiesAnkorConnectionDetails(properties);
	}

	@Bean
	AnkorSettings ankorSettings(AnkorProperties properties, AnkorConnectionDetails connectionDetails,
			Environment environment) {
		// a mistyped key is named before the property it stands for is reported missing
		AnkorUnknownProperties.check(environment, connectionDetails instanceof PropertiesAnkorConnectionDetails);
		return AnkorSettings.of(properties, connectionDetails);
	}

	/**
	 * The default account's credentials, read and checked at startup; a switch to new
	 * ones replaces them. Not {@code AnkorCredentials} itself: no bean keeps a key the
	 * application no longer uses.
	 */
	@Bean
	DefaultAccountCredentials ankorDefaultAccountCredentials(AnkorSettings settings, ResourceLoader resourceLoader) {
		AnkorProperties properties = settings.properties();
		AnkorPropertiesValidator.warnIfNotHttps("ankor", properties.getCompanyUri());
		AnkorCredentials credentials = AnkorKeys.load("ankor", properties.getCompanyUri(), properties.getKeyId(),
				properties.getPrivateKey(), properties.getPublicKey(), resourceLoader);
		if (logger.isInfoEnabled()) {
			logger.info("Ankor: company URI %s, key id %s, algorithm %s, token URI %s, grant type %s".formatted(
					credentials.getCompanyUri(), credentials.getKeyId(), credentials.getAlgorithm().getName(),
					AnkorPropertiesValidator.withoutUserInfo(properties.determineTokenUri().toString()),
					properties.getGrantType().toPropertyValue()));
		}
		return new DefaultAccountCredentials(credentials);
	}

}
