package dev.registrykit.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The endpoint tests' shared set-up: one fake registry per test class (an instance field, so
 * classes may run in parallel), reset and seeded with {@link Seed} before each test. Subclasses add
 * their own {@code @BeforeEach} for extra content; JUnit runs this one first.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeededRegistryTest {
  static final Seed SEED = new Seed();
  static final String R = "/v2/" + Seed.REPO;
  FakeRegistry registry;

  @BeforeAll
  void start() throws Exception {
    registry = FakeRegistry.start();
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  @BeforeEach
  void seed() {
    registry.reset();
    SEED.into(registry);
  }
}
