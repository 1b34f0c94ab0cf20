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

/**
 * Reports the state of a token provider without calling Ankor: what the {@code ankor}
 * health indicator and the token meters read. The starter's provider implements it; an
 * application's own {@link io.ankor.spring.boot.AnkorAccessTokenProvider} that does too
 * keeps health and meters.
 *
 * @author Ankor starter team
 */
public interface AnkorTokenStatusSource {

	/**
	 * What the provider knows now. Never calls Ankor.
	 * @return the status
	 */
	AnkorTokenStatus tokenStatus();

}
