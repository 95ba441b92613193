package dev.registrykit.examples;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.image.ImageId;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;

/**
 * Follows the chain docker users meet in three different places: a tag ({@code figlet:latest})
 * points at a manifest ({@code docker push} prints its digest), whose config's digest is the IMAGE
 * ID ({@code docker image ls}). For a multi-platform tag the linux/amd64 entry is followed.
 *
 * <p>{@link #resolve} is the "piece of code" that {@code ResolveTagToImageIdTest} tests with the
 * JUnit 5 {@code @EnableFakeRegistry} annotation: copy that test to test your own registry code.
 */
public final class ResolveTagToImageId {
  private ResolveTagToImageId() {}

  /**
   * One line: {@code REFERENCE -> manifest DIGEST -> image ID SHORT_ID}.
   *
   * @throws IOException when the registry fails or has no such tag
   */
  public static String resolve(RegistryClient client, ImageReference reference) throws IOException {
    ManifestResponse response = client.getManifest(reference);
    Manifest manifest = ManifestCodec.parse(response.manifest());
    ManifestResponse image = response;
    if (manifest instanceof IndexManifest) {
      var entry =
          ((IndexManifest) manifest)
              .select(Platform.LINUX_AMD64)
              .orElseThrow(() -> new IOException(reference + " has no linux/amd64 image"));
      image = client.getManifest(reference.repository().digest(entry.digest()));
      manifest = ManifestCodec.parse(image.manifest());
    }
    ImageId id = ImageId.of(((ImageManifest) manifest).config().digest());
    return reference + " -> manifest " + response.digest() + " -> image ID " + id.shortForm();
  }

  /**
   * Resolves each reference given.
   *
   * @param args image references; a tagless one means {@code :latest}
   * @throws IOException when a registry fails
   */
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      ImageReference ref = ImageReference.parse(arg).withDefaultTag();
      RegistryClient.Builder builder =
          RegistryClient.builder().transport(ApacheHttpTransport.create());
      if (ref.registry().isLoopback()) {
        builder.plainHttp(ref.registry());
      }
      try (RegistryClient client = builder.build()) {
        System.out.println(resolve(client, ref));
      }
    }
  }
}
