package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.FakeRegistry;

/**
 * Configures the registries {@link EnableFakeRegistry} starts, on the one place a fake is
 * configured: {@link FakeRegistry.Builder}.
 *
 * <pre>{@code
 * @EnableFakeRegistry(configuration = TokenAuth.class)
 * class PushTest { ... }
 *
 * static final class TokenAuth implements FakeRegistryConfiguration {
 *   @Override
 *   public void configure(FakeRegistry.Builder builder) {
 *     builder.auth(AuthMode.TOKEN).user("alice", "secret").tls(true);
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations need a constructor without parameters (it may be private); one instance is
 * created per registry started.
 */
@FunctionalInterface
public interface FakeRegistryConfiguration {
  /**
   * Configures a fresh builder.
   *
   * @param builder the builder of the registry about to start
   */
  void configure(FakeRegistry.Builder builder);

  /** The builder's defaults, unchanged: {@link EnableFakeRegistry#configuration()}'s default. */
  final class Defaults implements FakeRegistryConfiguration {
    /** The only constructor. */
    public Defaults() {}

    @Override
    public void configure(FakeRegistry.Builder builder) {
      // The builder's defaults are the configuration.
    }
  }
}
