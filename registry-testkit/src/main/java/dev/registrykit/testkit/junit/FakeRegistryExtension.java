package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link EnableFakeRegistry}; also usable programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeRegistryExtension REGISTRY =
 *     FakeRegistryExtension.builder().perClass(true).strict(true).configure(b -> b.auth(AuthMode.BASIC).user("u", "p")).build();
 * }</pre>
 *
 * <p>The extension instance holds only its immutable configuration. Each registry is stored in the
 * {@link ExtensionContext.Store} of the class (per-class mode) or of the test (per-test mode),
 * which closes it when that context ends; lookups go through the store's parent chain, so
 * {@code @Nested} classes see their outer class's registry. Thread-safe.
 */
public final class FakeRegistryExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeRegistryExtension.class);
  private static final String KEY = "registry";

  /** A configuration: how to build the registry, and its lifecycle. */
  private record Config(
      boolean perClass, boolean strict, List<Consumer<FakeRegistry.Builder>> customizers) {
    Running start() {
      FakeRegistry.Builder builder = FakeRegistry.builder();
      customizers.forEach(c -> c.accept(builder));
      try {
        return new Running(builder.start(), strict);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the fake registry", e);
      }
    }
  }

  /** A started registry in a context's store, which closes it when the context ends. */
  private record Running(FakeRegistry registry, boolean strict) implements AutoCloseable {
    @Override
    public void close() {
      registry.close();
    }
  }

  private final Optional<Config> programmatic;

  /** The extension as {@link EnableFakeRegistry} registers it: configured by the annotation. */
  public FakeRegistryExtension() {
    this.programmatic = Optional.empty();
  }

  private FakeRegistryExtension(Config config) {
    this.programmatic = Optional.of(config);
  }

  /**
   * A builder for programmatic registration with {@code @RegisterExtension}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // A @Nested class inherits the outer class's extensions: it shares the outer registry unless it
    // carries its own annotation.
    Optional<Config> config =
        programmatic.isPresent()
            ? programmatic.filter(c -> current(context).isEmpty())
            : annotation(context.getRequiredTestClass()).map(FakeRegistryExtension::config);
    if (config.isPresent() && config.get().perClass()) {
      context.getStore(NAMESPACE).put(KEY, config.get().start());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<EnableFakeRegistry> onMethod =
        context
            .getTestMethod()
            .flatMap(m -> AnnotationSupport.findAnnotation(m, EnableFakeRegistry.class));
    Optional<Config> config = onMethod.map(FakeRegistryExtension::config);
    if (config.isEmpty()) {
      config = programmatic.isPresent() ? programmatic : classConfig(context);
    }
    if (config.isEmpty()) {
      return;
    }
    if (onMethod.isPresent() || !config.get().perClass() || current(context).isEmpty()) {
      context.getStore(NAMESPACE).put(KEY, config.get().start());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Optional<Running> running = current(context);
    if (running.isEmpty()) {
      return;
    }
    List<RecordedExchange> unexpected = running.get().registry().unexpected();
    // Reset before failing, so a per-class registry is clean for the next test either way.
    running.get().registry().reset();
    if (running.get().strict() && !unexpected.isEmpty()) {
      StringBuilder message =
          new StringBuilder("the fake registry received ")
              .append(unexpected.size())
              .append(" unexpected request(s):");
      for (RecordedExchange e : unexpected) {
        message.append("\n  ").append(e);
      }
      throw new AssertionError(message.toString());
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == FakeRegistry.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return current(extensionContext)
        .map(Running::registry)
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    "no FakeRegistry is running here: a per-test registry starts before each test, so it cannot be "
                        + "injected into constructors or @BeforeAll methods; use @EnableFakeRegistry(perClass = true)"));
  }

  /** The nearest registry: this context's store, then its parents'. */
  private static Optional<Running> current(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, Running.class));
  }

  /** The annotation of the test class, its superclasses, or its enclosing classes (for @Nested). */
  private static Optional<Config> classConfig(ExtensionContext context) {
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      Optional<EnableFakeRegistry> found = annotation(c);
      if (found.isPresent()) {
        return found.map(FakeRegistryExtension::config);
      }
    }
    return Optional.empty();
  }

  private static Optional<EnableFakeRegistry> annotation(AnnotatedElement element) {
    return AnnotationSupport.findAnnotation(element, EnableFakeRegistry.class);
  }

  private static Config config(EnableFakeRegistry a) {
    Consumer<FakeRegistry.Builder> customizer = b -> instantiate(a.configuration()).configure(b);
    return new Config(a.perClass(), a.strict(), List.of(customizer));
  }

  private static FakeRegistryConfiguration instantiate(
      Class<? extends FakeRegistryConfiguration> type) {
    try {
      return ReflectionSupport.newInstance(type);
    } catch (RuntimeException e) {
      throw new ExtensionConfigurationException(
          "@EnableFakeRegistry(configuration = "
              + type.getName()
              + ".class): cannot create it; it needs a constructor without parameters",
          e);
    }
  }

  /**
   * Configures a programmatically registered extension. Not thread-safe; the built extension is.
   */
  public static final class Builder {
    private boolean perClass;
    private boolean strict;
    private final List<Consumer<FakeRegistry.Builder>> customizers = new ArrayList<>();

    private Builder() {}

    /**
     * One registry for the whole class, reset after each test (default: one per test).
     *
     * @param perClass whether per class
     * @return this builder
     */
    public Builder perClass(boolean perClass) {
      this.perClass = perClass;
      return this;
    }

    /**
     * Fail a test when its registry received requests that matched no route or used an unsupported
     * method (default: not strict).
     *
     * @param strict whether strict
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Configures each registry the extension starts.
     *
     * @param customizer applied to a fresh {@link FakeRegistry.Builder}
     * @return this builder
     */
    public Builder configure(Consumer<FakeRegistry.Builder> customizer) {
      customizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /**
     * The extension.
     *
     * @return a new extension
     */
    public FakeRegistryExtension build() {
      return new FakeRegistryExtension(new Config(perClass, strict, List.copyOf(customizers)));
    }
  }
}
