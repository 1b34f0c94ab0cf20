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

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code ankor.accounts} names further accounts.
 *
 * @author Ankor starter team
 */
abstract class OnAnkorAccountsCondition extends SpringBootCondition {

	private final boolean several;

	OnAnkorAccountsCondition(boolean several) {
		this.several = several;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean hasAccounts = !Binder.get(context.getEnvironment())
			.bind("ankor.accounts", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of())
			.isEmpty();
		return (hasAccounts == this.several)
				? ConditionOutcome.match("'ankor.accounts' " + (hasAccounts ? "names accounts" : "is empty"))
				: ConditionOutcome.noMatch("'ankor.accounts' " + (hasAccounts ? "names accounts" : "is empty"));
	}

	/** Only the top-level {@code ankor.*} account. */
	static final class One extends OnAnkorAccountsCondition {

		One() {
			super(false);
		}

	}

	/** Further accounts under {@code ankor.accounts}. */
	static final class Several extends OnAnkorAccountsCondition {

		Several() {
			super(true);
		}

	}

}
