package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jackson is an implementation detail (docs/architecture.md: Jackson types never in public
 * signatures): no public or protected member of a public type in manifest, distribution or image
 * mentions it.
 */
class NoJacksonInPublicApiTest {

  @Test
  void publicSignatures_manifestDistributionImage_mentionNoJacksonType() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "dev.registrykit.core.manifest",
                "dev.registrykit.core.distribution",
                "dev.registrykit.core.image");
    List<String> leaks = new ArrayList<>();
    int publicTypes = 0;
    for (JavaClass javaClass : classes) {
      Class<?> c = javaClass.reflect();
      if (!Modifier.isPublic(c.getModifiers())) {
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
