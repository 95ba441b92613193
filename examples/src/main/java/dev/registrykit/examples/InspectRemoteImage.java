package dev.registrykit.examples;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.io.InputStream;

/**
 * Inspects an image in a registry without pulling its layers: the manifest digest, the image ID
 * (the digest of the config), the platform, the layers and the command it runs. For a
 * multi-platform index it lists the platforms and inspects the linux/amd64 image.
 *
 * <pre>{@code
 * java -cp registrykit.jar dev.registrykit.examples.InspectRemoteImage localhost:5000/figlet
 * }</pre>
 */
public final class InspectRemoteImage {
  private InspectRemoteImage() {}

  /**
   * Inspects the image named by {@code args[0]}.
   *
   * @param args one image reference; a tagless one means {@code :latest}, as for docker pull
   * @throws IOException when the registry cannot be reached or has no such image
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: InspectRemoteImage REFERENCE");
      return;
    }
    ImageReference ref = ImageReference.parse(args[0]).withDefaultTag();
    RegistryClient.Builder builder =
        RegistryClient.builder().transport(ApacheHttpTransport.create());
    if (ref.registry().isLoopback()) {
      // A registry on this machine (a test registry, `registrykit serve`) usually speaks plain
      // HTTP.
      builder.plainHttp(ref.registry());
    }
    try (RegistryClient client = builder.build()) {
      ManifestResponse top = client.getManifest(ref);
      System.out.println("Reference:     " + ref);
      System.out.println("Digest:        " + top.digest());
      System.out.println("Media type:    " + top.manifest().mediaType());
      Manifest manifest = ManifestCodec.parse(top.manifest());
      if (manifest instanceof IndexManifest) {
        IndexManifest index = (IndexManifest) manifest;
        for (Descriptor entry : index.manifests()) {
          System.out.println(
              "Platform:      "
                  + entry.platform().map(Platform::toString).orElse("?")
                  + " "
                  + entry.digest());
        }
        Descriptor amd64 =
            index
                .select(Platform.LINUX_AMD64)
                .orElseThrow(() -> new IOException("no linux/amd64 image"));
        top = client.getManifest(ref.repository().digest(amd64.digest()));
        manifest = ManifestCodec.parse(top.manifest());
      }
      ImageManifest image = (ImageManifest) manifest;
      Bytes rawConfig;
      try (InputStream in = client.openBlob(ref.repository(), image.config().digest())) {
        rawConfig = Bytes.readFrom(in); // verified against the digest while read
      }
      ImageConfig config = ManifestCodec.parseConfig(rawConfig);
      System.out.println("Image ID:      " + image.config().digest());
      System.out.println("Platform:      " + config.platform());
      System.out.println("Created:       " + config.created().orElse("unknown"));
      System.out.println(
          "Entrypoint:    " + config.config().entrypoint().orElse(java.util.List.of()));
      System.out.println("Cmd:           " + config.config().cmd().orElse(java.util.List.of()));
      long total = 0;
      for (Descriptor layer : image.layers()) {
        System.out.println(
            "Layer:         "
                + layer.digest()
                + " "
                + layer.size()
                + " bytes "
                + layer.mediaType());
        total += layer.size();
      }
      System.out.println(
          "Layers:        " + image.layers().size() + ", " + total + " bytes compressed");
    }
  }
}
