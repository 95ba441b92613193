/**
 * JUnit 5 integration: {@link dev.registrykit.testkit.junit.EnableFakeRegistry} starts a {@link
 * dev.registrykit.testkit.FakeRegistry} per test (or per class), injects it into test and lifecycle
 * method parameters, resets it between tests, closes it at the end and, in strict mode, fails a
 * test whose registry received unexpected requests.
 *
 * <pre>{@code
 * @EnableFakeRegistry
 * class PushTest {
 *   @Test
 *   void push_image_isStored(FakeRegistry registry) { ... }
 * }
 * }</pre>
 *
 * <p>The extension keeps no state in fields: every registry lives in the {@code
 * ExtensionContext.Store} (which closes it), so {@code @Nested} and inherited test classes work
 * (fabric8 issues #3032, #4649, #5854, #7018 are what happens otherwise). It can also be registered
 * programmatically with {@code @RegisterExtension} and {@link
 * dev.registrykit.testkit.junit.FakeRegistryExtension#builder()}.
 */
@NullMarked
package dev.registrykit.testkit.junit;

import org.jspecify.annotations.NullMarked;
