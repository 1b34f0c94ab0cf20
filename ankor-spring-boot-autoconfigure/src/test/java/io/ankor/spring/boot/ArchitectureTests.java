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
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the starter's packages, as the README's design section draws it.
 */
class ArchitectureTests {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.ankor.spring.boot");

	@Test
	void packagesDependOnlyDownwards() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("API").definedBy("io.ankor.spring.boot")
			.layer("Credentials").definedBy("io.ankor.spring.boot.credentials..")
			.layer("Token").definedBy("io.ankor.spring.boot.token..")
			.layer("Web").definedBy("io.ankor.spring.boot.web..")
			.layer("Accounts").definedBy("io.ankor.spring.boot.accounts..")
			.layer("Actuate").definedBy("io.ankor.spring.boot.actuate..")
			.layer("AutoConfigure").definedBy("io.ankor.spring.boot.autoconfigure..")
			.whereLayer("AutoConfigure").mayNotBeAccessedByAnyLayer()
			.whereLayer("Actuate").mayOnlyBeAccessedByLayers("AutoConfigure")
			.whereLayer("Accounts").mayOnlyBeAccessedByLayers("AutoConfigure")
			.whereLayer("Web").mayOnlyBeAccessedByLayers("Accounts", "AutoConfigure")
			.whereLayer("Token").mayOnlyBeAccessedByLayers("Accounts", "AutoConfigure")
			.whereLayer("Credentials").mayOnlyBeAccessedByLayers("Token", "Accounts", "AutoConfigure")
			.check(classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("io.ankor.spring.boot.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void nothingOutsideAutoConfigureDependsOnIt() {
		noClasses().that()
			.resideOutsideOfPackage("io.ankor.spring.boot.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.ankor.spring.boot.autoconfigure..")
			.check(classes);
	}

	@Test
	void publicApiDependsOnNothingOfOurs() {
		noClasses().that()
			.resideInAPackage("io.ankor.spring.boot")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.ankor.spring.boot.(*)..")
			.check(classes);
	}

	@Test
	void onlyActuateAndAutoConfigurationUseActuatorAndMicrometerMeters() {
		noClasses().that()
			.resideOutsideOfPackages("io.ankor.spring.boot.actuate..", "io.ankor.spring.boot.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot.actuate..", "org.springframework.boot.health..",
					"io.micrometer.core..")
			.check(classes);
	}

	@Test
	void runtimeNeverTakesThePropertiesClass() {
		noClasses().that()
			.resideOutsideOfPackage("io.ankor.spring.boot.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.haveSimpleName("AnkorProperties")
			.check(classes);
	}

	/**
	 * Runtime packages are internal: a public type there is one another of our packages
	 * uses, since Java has no narrower visibility across packages. The token-request
	 * observation's types are the exception: they are public API.
	 */
	@Test
	void runtimeTypesArePublicOnlyWhereAnotherPackageUsesThem() {
		classes().that()
			.resideInAPackage("io.ankor.spring.boot.(*)..")
			.and()
			.resideOutsideOfPackage("io.ankor.spring.boot.autoconfigure..")
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.and()
			.doNotHaveSimpleName("AnkorTokenObservationDocumentation")
			.and()
			.doNotHaveSimpleName("AnkorTokenRequestObservationContext")
			.and()
			.doNotHaveSimpleName("AnkorTokenRequestObservationConvention")
			.and()
			.doNotHaveSimpleName("DefaultAnkorTokenRequestObservationConvention")
			.should(new ArchCondition<JavaClass>("be used from another of our packages") {

				@Override
				public void check(JavaClass type, ConditionEvents events) {
					boolean used = type.getDirectDependenciesToSelf()
						.stream()
						.anyMatch((dependency) -> !dependency.getOriginClass()
							.getPackageName()
							.equals(type.getPackageName()));
					if (!used) {
						events.add(SimpleConditionEvent.violated(type,
								type.getName() + " is public, but no other package uses it: make it package-private"));
					}
				}

			})
			.check(classes);
	}

	@Test
	void everyPackageIsNullMarked() throws ClassNotFoundException {
		Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
		assertThat(packages).hasSizeGreaterThanOrEqualTo(6);
		for (String name : packages) {
			assertThat(Class.forName(name + ".package-info").isAnnotationPresent(NullMarked.class)).as(name).isTrue();
		}
	}

}
