package dev.registrykit.examples;

import dev.registrykit.client.BlobResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image (or a multi-platform index) from one registry to another, as {@code skopeo copy}
 * or {@code crane copy} do: blobs stream from the source straight into the destination, and the
 * manifest bytes are copied unchanged, so the digest is the same on both sides.
 *
 * <pre>{@code
 * java -cp registrykit.jar dev.registrykit.examples.CopyImage localhost:5000/figlet localhost:5001/figlet:v1
 * }</pre>
 */
public final class CopyImage {
  private CopyImage() {}

  /**
   * Copies {@code args[0]} to {@code args[1]} and prints what happened to each blob.
   *
   * @param args the source and destination references
   * @throws IOException when either registry fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CopyImage SOURCE DESTINATION");
      return;
    }
    ImageReference from = ImageReference.parse(args[0]).withDefaultTag();
    ImageReference to = ImageReference.parse(args[1]).withDefaultTag();
    List<Registry> local = new ArrayList<>();
    for (Registry registry : List.of(from.registry(), to.registry())) {
      if (registry.isLoopback()) {
        local.add(registry); // registries on this machine usually speak plain HTTP
      }
    }
    try (RegistryClient client =
        RegistryClient.builder()
            .transport(ApacheHttpTransport.create())
            .plainHttp(local.toArray(Registry[]::new))
            .build()) {
      PushResult result = Remote.copy(client, from, client, to, TransferOptions.defaults());
      for (BlobResult blob : result.blobs()) {
        System.out.println(blob.summary());
      }
      System.out.println(
          "Copied "
              + from
              + " to "
              + to
              + ": "
              + result.manifestDigest()
              + " ("
              + result.bytesPushed()
              + " bytes uploaded)");
    }
  }
}
