package dev.registrykit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of registry-core (docs/architecture.md), checked on the compiled classes
 * (the Java version of go-containerregistry's {@code depcheck_test.go}); maven-enforcer checks the
 * same on the dependency tree.
 */
@AnalyzeClasses(
    packages = "dev.registrykit.core",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  /** Core is JDK + Jackson: no client, no testkit, no HTTP client, no OkHttp or Kotlin. */
  @ArchTest
  static final ArchRule coreDependsOnNoClientTestkitOrHttp =
      noClasses()
          .that()
          .resideInAPackage("dev.registrykit.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..client..",
              "..testkit..",
              "org.apache.hc..",
              "okhttp3..",
              "mockwebserver3..",
              "kotlin..");

  /** Digests are the bottom layer: they know nothing of the rest of core. */
  @ArchTest
  static final ArchRule digestDependsOnNoOtherCorePackage =
      noClasses()
          .that()
          .resideInAPackage("dev.registrykit.core.digest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.registrykit.core.reference..",
              "dev.registrykit.core.manifest..",
              "dev.registrykit.core.image..",
              "dev.registrykit.core.distribution..",
              "dev.registrykit.core.layout..",
              "dev.registrykit.core.archive..",
              "dev.registrykit.core.build..");

  /** References build on digests only. */
  @ArchTest
  static final ArchRule referenceDependsOnDigestOnly =
      noClasses()
          .that()
          .resideInAPackage("dev.registrykit.core.reference..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.registrykit.core.manifest..",
              "dev.registrykit.core.image..",
              "dev.registrykit.core.distribution..",
              "dev.registrykit.core.layout..",
              "dev.registrykit.core.archive..",
              "dev.registrykit.core.build..",
              "tools.jackson..",
              "com.fasterxml.jackson..");

  /** The rule for showing untrusted text is a leaf: JDK only, so every package may use it. */
  @ArchTest
  static final ArchRule textDependsOnJdkOnly =
      noClasses()
          .that()
          .resideInAPackage("dev.registrykit.core.text..")
          .should()
          .dependOnClassesThat()
          .resideOutsideOfPackages("java..", "dev.registrykit.core.text..", "org.jspecify..");

  /**
   * Package dependencies inside core are acyclic: each package can be read knowing only those below
   * it.
   */
  @ArchTest
  static final ArchRule corePackagesAreFreeOfCycles =
      slices().matching("dev.registrykit.core.(*)..").should().beFreeOfCycles();
}
