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

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the Ankor starter.
 *
 * @author Ankor starter team
 */
public enum AnkorTokenObservationDocumentation implements ObservationDocumentation {

	/**
	 * One token request to Ankor's token endpoint, its retries included.
	 */
	TOKEN_REQUEST {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAnkorTokenRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low-cardinality keys of {@link #TOKEN_REQUEST}.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** {@code success} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** {@code jwt-bearer} or {@code client-credentials}. */
		GRANT_TYPE {
			@Override
			public String asString() {
				return "grant.type";
			}
		},

		/** The OAuth error code of a failure, {@code none} on success. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		},

		/** How many HTTP attempts the request took. */
		ATTEMPTS {
			@Override
			public String asString() {
				return "attempts";
			}
		},

		/**
		 * The account ({@code default} or the name under {@code ankor.accounts}); only when
		 * the application has several.
		 */
		ACCOUNT {
			@Override
			public String asString() {
				return "account";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		}

	}

}
