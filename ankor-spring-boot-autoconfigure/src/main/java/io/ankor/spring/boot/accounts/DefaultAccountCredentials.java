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
package io.ankor.spring.boot.accounts;

import io.ankor.spring.boot.credentials.AnkorCredentials;

/**
 * The default account's credentials as in use: those read at startup, then those of each
 * switch to new ones, so that no bean keeps a retired key. Its {@link #toString()} never
 * shows key material.
 *
 * @author Ankor starter team
 */
public final class DefaultAccountCredentials {

	private volatile AnkorCredentials current;

	/**
	 * The credentials read at startup.
	 * @param current the credentials
	 */
	public DefaultAccountCredentials(AnkorCredentials current) {
		this.current = current;
	}

	/**
	 * The credentials in use.
	 * @return the credentials
	 */
	public AnkorCredentials current() {
		return this.current;
	}

	void switchTo(AnkorCredentials credentials) {
		this.current = credentials;
	}

	@Override
	public String toString() {
		return "DefaultAccountCredentials[" + this.current + "]";
	}

}
