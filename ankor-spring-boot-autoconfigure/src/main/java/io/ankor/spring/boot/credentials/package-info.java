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

/**
 * Ankor credentials: keys read from PEM, and the signer of Ankor's JWT assertions.
 * <p>
 * Internal: its public types are public only because the auto-configurations and the
 * token and accounts packages use them from another package. They are not part of the
 * starter's API and may change in any release.
 */
@NullMarked
package io.ankor.spring.boot.credentials;

import org.jspecify.annotations.NullMarked;
