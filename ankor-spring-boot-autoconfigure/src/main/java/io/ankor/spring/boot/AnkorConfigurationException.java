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
 * Thrown at startup when an {@code ankor.*} property is missing or wrong. Its message
 * names the property and never repeats key material.
 *
 * @author Ankor starter team
 */
public class AnkorConfigurationException extends RuntimeException {

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Creates a new instance.
	 * @param property the property at fault, such as {@code ankor.private-key}
	 * @param problem what is wrong with it, without its value when that is secret
	 * @param action what the user should do
	 */
	public AnkorConfigurationException(String property, String problem, String action) {
		super("Property '" + property + "' " + problem + ". " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/**
	 * The property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * What is wrong with the property.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
