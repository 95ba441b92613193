package dev.registrykit.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's dependency rules (docs/architecture.md), checked on the compiled main code. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.registrykit.client");

  @Test
  void apacheHttpClient_isImportedOnlyByTheApacheTransport() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.registrykit.client.transport.apache..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.hc..")
        .check(MAIN);
  }

  /**
   * Every package of the client is its own slice, the root package included: the public API sits on
   * top, internal and leaf packages (errors, config) never reach back up to it.
   */
  @Test
  void clientPackages_areFreeOfCycles() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.startsWith("dev.registrykit.client")
                    ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "each package of dev.registrykit.client";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(MAIN);
  }

  @Test
  void client_neverImportsTheTestkit() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.registrykit.testkit..")
        .check(MAIN);
  }

  @Test
  void errors_isALeaf() {
    noClasses()
        .that()
        .resideInAPackage("dev.registrykit.client.errors")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("dev.registrykit.client..")
                .and(JavaClass.Predicates.resideOutsideOfPackage("dev.registrykit.client.errors")))
        .check(MAIN);
  }

  @Test
  void transportSpi_usesJdkTypesOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.registrykit.client.transport")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "tools.jackson..", "com.fasterxml..", "org.apache..", "okhttp3..", "mockwebserver3..")
        .check(MAIN);
  }

  /**
   * Generic type arguments count: a {@code List<JsonNode>} leaks Jackson as much as a {@code
   * JsonNode}.
   */
  @Test
  void jackson_neverAppearsInPublicSignatures() {
    List<String> leaks = new ArrayList<>();
    int publicTypes = 0;
    for (JavaClass javaClass : MAIN) {
      Class<?> c = javaClass.reflect();
      if (!Modifier.isPublic(c.getModifiers()) || c.getPackageName().contains(".internal")) {
        continue;
      }
      publicTypes++;
      for (Method m : c.getDeclaredMethods()) {
        if (visible(m.getModifiers())) {
          check(leaks, c, m.getName(), m.getGenericReturnType());
          for (Type t : m.getGenericParameterTypes()) {
            check(leaks, c, m.getName(), t);
          }
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (visible(k.getModifiers())) {
          for (Type t : k.getGenericParameterTypes()) {
            check(leaks, c, "<init>", t);
          }
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers())) {
          check(leaks, c, f.getName(), f.getGenericType());
        }
      }
    }
    assertThat(publicTypes).isGreaterThan(20);
    assertThat(leaks).isEmpty();
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> leaks, Class<?> owner, String member, Type type) {
    String name = type.getTypeName();
    if (name.contains("tools.jackson") || name.contains("com.fasterxml.jackson")) {
      leaks.add(owner.getName() + "#" + member + ": " + name);
    }
  }
}
