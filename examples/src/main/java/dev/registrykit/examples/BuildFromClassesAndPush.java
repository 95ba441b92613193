package dev.registrykit.examples;

import dev.registrykit.client.BlobResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a build tool plugin does (Jib's case, without a Docker daemon): puts a build's output on a
 * base image, as two reproducible layers — the dependency jars, which rarely change, below the
 * application's classes, which change on every build — and pushes the result. The base's layers are
 * mounted from its repository, never downloaded or uploaded again.
 *
 * <pre>{@code
 * java -cp registrykit.jar dev.registrykit.examples.BuildFromClassesAndPush \
 *     target/classes target/dependency localhost:5000/myapp:1.0 localhost:5000/library/eclipse-temurin:17-jre com.example.Main
 * }</pre>
 */
public final class BuildFromClassesAndPush {
  private BuildFromClassesAndPush() {}

  /**
   * Builds and pushes.
   *
   * @param args {@code CLASSES_DIR LIBS_DIR TARGET BASE MAIN_CLASS}; {@code BASE} may be {@code
   *     scratch}
   * @throws IOException when a directory cannot be read or a registry fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println(
          "usage: BuildFromClassesAndPush CLASSES_DIR LIBS_DIR TARGET BASE|scratch MAIN_CLASS");
      return;
    }
    Path classes = Path.of(args[0]);
    Path libs = Path.of(args[1]);
    ImageReference target = ImageReference.parse(args[2]).withDefaultTag();
    ImageReference base =
        args[3].equals("scratch") ? target : ImageReference.parse(args[3]).withDefaultTag();
    String mainClass = args[4];

    List<Registry> local = new ArrayList<>();
    for (Registry registry : List.of(target.registry(), base.registry())) {
      if (registry.isLoopback()) {
        local.add(registry); // registries on this machine usually speak plain HTTP
      }
    }
    Path work = Files.createTempDirectory("build-layers");
    try (RegistryClient client =
        RegistryClient.builder()
            .transport(ApacheHttpTransport.create())
            .plainHttp(local.toArray(Registry[]::new))
            .build()) {
      // Reproducible layers: sorted entries, epoch timestamps, root owner, fixed modes. The same
      // class files give the same digests on any machine, so an unchanged layer is never re-sent.
      BuiltLayer dependencies =
          LayerBuilder.builder()
              .addDirectory(libs, "/app/libs")
              .compression(LayerCompression.gzip(1)) // jars are compressed already
              .writeTo(work.resolve("libs.tar.gz"));
      BuiltLayer application =
          LayerBuilder.builder()
              .addDirectory(classes, "/app/classes")
              .writeTo(work.resolve("classes.tar.gz"));

      ImageBuilder builder =
          args[3].equals("scratch")
              ? ImageBuilder.fromScratch(Platform.LINUX_AMD64)
              // Lazy: only the manifest and config of the base are fetched, never its layers.
              : ImageBuilder.from(Remote.image(client, base, Platform.LINUX_AMD64));
      Image image =
          builder
              .addLayer(layer(dependencies), "COPY dependency /app/libs")
              .addLayer(layer(application), "COPY classes /app/classes")
              .workingDir("/app")
              .entrypoint(List.of("java", "-cp", "/app/classes:/app/libs/*", mainClass))
              .label("org.opencontainers.image.title", target.repository().path())
              .build();

      TransferOptions options = TransferOptions.defaults().withMountFrom(base.repository());
      PushResult result = Remote.push(client, image, target, options);
      for (BlobResult blob : result.blobs()) {
        System.out.println(blob.summary());
      }
      System.out.println(
          target.tag().orElseThrow()
              + ": digest: "
              + result.manifestDigest()
              + " size: "
              + result.manifestSize());
      System.out.println("Image ID: " + image.id());
    } finally {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static dev.registrykit.core.image.Layer layer(BuiltLayer built) {
    return Layers.of(built.file().orElseThrow(), built.mediaType());
  }
}
