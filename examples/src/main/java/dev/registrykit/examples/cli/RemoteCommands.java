package dev.registrykit.examples.cli;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Helpers shared by the commands that read from a registry. */
final class RemoteCommands {
  private RemoteCommands() {}

  /** The {@code --platform os/arch[/variant]} option: which image of a multi-platform index. */
  static final OptionSpec PLATFORM =
      OptionSpec.value(
          "platform", "OS/ARCH[/VARIANT]", "the image to pick from a multi-platform index (default linux/amd64)");

  /** A reference with {@code :latest} added when it has neither tag nor digest, as docker does. */
  static ImageReference reference(String s) {
    return ImageReference.parse(s).withDefaultTag();
  }

  /** The {@code --platform} option, or linux/amd64. */
  static Platform platform(Invocation invocation) {
    return invocation.args().value("platform").map(RemoteCommands::parsePlatform).orElse(Platform.LINUX_AMD64);
  }

  /** {@code os/arch[/variant]}; anything else is a usage error. */
  static Platform parsePlatform(String s) {
    try {
      return Platform.parse(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--platform must be OS/ARCH[/VARIANT]: " + e.getMessage());
    }
  }

  /** A client for the one registry of {@code ref}. */
  static RegistryClient client(Invocation invocation, ImageReference ref) throws IOException {
    return Registries.client(invocation, List.of(ref.registry()));
  }

  /**
   * The image manifest at {@code ref}; for an index, the entry for {@code platform}.
   *
   * @throws IOException when the index has no image for the platform
   */
  static ImageManifest imageManifest(RegistryClient client, ImageReference ref, Platform platform)
      throws IOException {
    ManifestResponse response = client.getManifest(ref);
    Manifest manifest = ManifestCodec.parse(response.manifest());
    if (manifest instanceof IndexManifest) {
      IndexManifest index = (IndexManifest) manifest;
      Optional<Descriptor> entry = index.select(platform);
      if (entry.isEmpty()) {
        throw new IOException(ref + " has no image for platform " + platform);
      }
      ImageReference child = ref.repository().digest(entry.get().digest());
      return ManifestCodec.parseImageManifest(client.getManifest(child).manifest());
    }
    return (ImageManifest) manifest;
  }

  /** Reads a small blob (a config), verified against its digest by the client. */
  static Bytes readBlob(RegistryClient client, ImageReference ref, Descriptor descriptor)
      throws IOException {
    try (InputStream in = client.openBlob(ref.repository(), descriptor.digest())) {
      return Bytes.readFrom(in);
    }
  }
}
