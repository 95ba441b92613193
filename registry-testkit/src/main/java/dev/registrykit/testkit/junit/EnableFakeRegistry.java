package dev.registrykit.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link dev.registrykit.testkit.FakeRegistry} for the annotated test class or method and
 * injects it into parameters of type {@code FakeRegistry}.
 *
 * <p>The annotation says what is about the test's lifecycle: one registry per test or per class,
 * and whether unexpected requests fail the test. Everything about the registry itself (auth, users,
 * TLS, storage, faults…) is set on {@link dev.registrykit.testkit.FakeRegistry.Builder}, through a
 * {@link FakeRegistryConfiguration} named by {@link #configuration()}.
 *
 * <p>By default each test gets its own registry, closed after the test. With {@link #perClass()}
 * one registry serves the whole class (and its {@code @Nested} classes, unless they carry their own
 * annotation); it is reset after each test. An annotation on a method overrides the class's for
 * that test. The annotation is inherited by subclasses.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeRegistryExtension.class)
public @interface EnableFakeRegistry {
  /**
   * One registry for the whole class (reset after each test) instead of one per test.
   *
   * @return whether per class
   */
  boolean perClass() default false;

  /**
   * Fail the test when the registry received requests that matched no route or used an unsupported
   * method.
   *
   * @return whether strict
   */
  boolean strict() default false;

  /**
   * How each registry is configured (default: the builder's defaults).
   *
   * @return a class with a constructor without parameters
   */
  Class<? extends FakeRegistryConfiguration> configuration() default
      FakeRegistryConfiguration.Defaults.class;
}
