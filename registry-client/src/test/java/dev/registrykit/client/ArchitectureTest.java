package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, checked on the compiled main code. */
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

  @Test
  void client_neverImportsTheTestkit() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.registrykit.testkit..").check(MAIN);
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
        .resideInAnyPackage("tools.jackson..", "com.fasterxml..", "org.apache..", "okhttp3..", "mockwebserver3..")
        .check(MAIN);
  }

  @Test
  void jackson_neverAppearsInPublicSignatures() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : MAIN) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC) || c.getPackageName().contains(".internal")) {
        continue;
      }
      for (JavaMethod m : c.getMethods()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        List<JavaClass> types = new ArrayList<>(m.getRawParameterTypes());
        types.add(m.getRawReturnType());
        for (JavaClass t : types) {
          if (t.getPackageName().startsWith("tools.jackson") || t.getPackageName().startsWith("com.fasterxml.jackson")) {
            leaks.add(m.getFullName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
