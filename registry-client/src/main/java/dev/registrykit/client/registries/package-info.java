/**
 * Per-registry settings, as containers' {@code registries.conf} and Docker's {@code daemon.json}
 * express them: {@link dev.registrykit.client.registries.RegistryRoute routes} with location
 * rewrites, {@link dev.registrykit.client.registries.Mirror mirrors}, insecure and blocked
 * registries, gathered in a {@link dev.registrykit.client.registries.RegistriesConfig} that a
 * {@code RegistryClient} is built with.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/docs/containers-registries.conf.5.md">containers-registries.conf(5)</a>
 */
@NullMarked
package dev.registrykit.client.registries;

import org.jspecify.annotations.NullMarked;
