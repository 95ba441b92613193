/**
 * The RegistryKit Maven plugin: {@code registrykit:build} pushes the project's Java application as
 * a container image to a registry, {@code registrykit:buildLayout} writes it to an OCI image
 * layout, {@code registrykit:buildTar} to a {@code docker load}-able archive; without Docker, with
 * reproducible layers and an incremental layer cache. Configuration mirrors Jib's ({@code from},
 * {@code to}, {@code container}, {@code platforms}, {@code extraDirectories}, ...), and every value
 * can also be given as a {@code registrykit.}-prefixed property ({@code
 * -Dregistrykit.to.image=...}), which wins over the POM.
 *
 * <p>The work is done by {@link dev.registrykit.client.containerize.Containerizer}; this package
 * only maps Maven's view of the project (dependencies, reactor siblings, output directories,
 * settings, offline mode, log) onto it.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.maven;
