/**
 * Containerizing a Java application without Docker: a base image (from a registry, an OCI image
 * layout, a {@code docker save} archive, or {@code scratch}) plus the application's layers and
 * config, written to a registry, an OCI image layout or a {@code docker load}-able archive; what a
 * build tool plugin calls.
 *
 * <pre>{@code
 * ContainerizeResult result = Containerizer.from(BaseImage.parse("eclipse-temurin:17-jre"))
 *     .application(JavaApplication.builder().classes(classes).dependencies(LayerKind.DEPENDENCIES, jars).mainClass("com.example.Main").build())
 *     .to(Target.registry(ImageReference.parse("registry.example.com/app:1.0")))
 *     .client(client)
 *     .cacheDirectory(Path.of("target/registrykit-cache"))
 *     .containerize();
 * result.writeFiles(Path.of("target"));   // registrykit-image.digest, .id, .json
 * }</pre>
 *
 * <p>Incremental by design: application layers come from a {@link
 * dev.registrykit.core.layercache.LayerCache} (only layers whose files changed are rebuilt), blobs
 * the target registry has are not sent, base layers are mounted from the base's repository when it
 * is on the same registry, and the manifest is put only after every blob is in place. The result is
 * reproducible: with the default creation time the same inputs give the same image digest.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.client.containerize;
