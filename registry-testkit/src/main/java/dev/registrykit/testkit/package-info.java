/**
 * RegistryKit's testkit: {@link dev.registrykit.testkit.FakeRegistry}, an in-memory OCI registry
 * for tests, with authentication modes ({@link dev.registrykit.testkit.AuthMode}), injectable
 * {@link dev.registrykit.testkit.Fault}s and a journal of {@link
 * dev.registrykit.testkit.RecordedExchange}s.
 *
 * <p>The fake implements the OCI Distribution Specification v1.1 server side; its endpoints are
 * named by {@link dev.registrykit.testkit.Endpoint} after the spec's table. It depends on {@code
 * registry-core} only, never on the client, so that it does not share the client's reading of the
 * protocol. The JUnit 5 extension is in {@code dev.registrykit.testkit.junit}, seeded images in
 * {@code dev.registrykit.testkit.fixtures} and the runnable server in {@code
 * dev.registrykit.testkit.standalone}.
 */
@NullMarked
package dev.registrykit.testkit;

import org.jspecify.annotations.NullMarked;
