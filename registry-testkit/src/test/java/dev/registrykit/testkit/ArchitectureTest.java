package dev.registrykit.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The testkit never uses the client (docs/architecture.md), and Jackson stays out of public
 * signatures.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.registrykit.testkit");

  @Test
  void testkit_neverDependsOnTheClient() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.registrykit.client..")
        .check(CLASSES);
  }

  @Test
  void jackson_isUsedOnlyInsideTheServer() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.registrykit.testkit.internal.server..", "dev.registrykit.interop..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("tools.jackson..")
        .check(CLASSES);
  }

  @Test
  void apiPackages_doNotExposeTheServer() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.registrykit.testkit",
            "dev.registrykit.testkit.junit",
            "dev.registrykit.testkit.fixtures")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.eclipse.jetty..", "mockwebserver3..")
        .check(CLASSES);
  }
}
