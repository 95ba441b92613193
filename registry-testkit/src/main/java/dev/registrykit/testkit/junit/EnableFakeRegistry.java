package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.AuthMode;
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
 * <p>By default each test gets its own registry, closed after the test. With {@link #perClass()} one
 * registry serves the whole class (and its {@code @Nested} classes, unless they carry their own
 * annotation); it is reset after each test. An annotation on a method overrides the class's for that
 * test. The annotation is inherited by subclasses.
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
   * Serve HTTPS with a generated certificate (trust it with {@code FakeRegistry.sslContext()}).
   *
   * @return whether HTTPS
   */
  boolean https() default false;

  /**
   * The authentication mode.
   *
   * @return the mode
   */
  AuthMode auth() default AuthMode.NONE;

  /**
   * Users as {@code "name:password"}, each with every permission.
   *
   * @return the users
   */
  String[] users() default {};

  /**
   * Repository patterns anyone may pull from ({@code name}, {@code prefix/*}, {@code *}).
   *
   * @return the patterns
   */
  String[] anonymousPull() default {};

  /**
   * Whether the referrers API is served.
   *
   * @return whether referrers are on
   */
  boolean referrers() default true;

  /**
   * Refuse writes with {@code 405}.
   *
   * @return whether read-only
   */
  boolean readOnly() default false;

  /**
   * Fail the test when the registry received requests that matched no route or used an unsupported
   * method.
   *
   * @return whether strict
   */
  boolean strict() default false;

  /**
   * The host name the registry is addressed by.
   *
   * @return the host name
   */
  String hostName() default "localhost";
}
