package dev.registrykit.benchmarks;

import dev.registrykit.client.PushResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.Remote;
import dev.registrykit.client.TransferOptions;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A small entry point for whole-process benchmarks of the client: push an image from an OCI layout
 * to a registry, or pull one from a registry into an OCI layout — what {@code skopeo copy} does
 * between {@code oci:} and {@code docker://}, so the two can be timed side by side (see {@code
 * process.PeerComparison}, contender {@code registrykit-api}).
 *
 * <pre>
 * java [-Xmx64m] -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.ClientPushPull \
 *     push LAYOUT_DIR TAG HOST:PORT/REPO:TAG [--parallelism N] [--plain-http]
 * java … ClientPushPull pull HOST:PORT/REPO:TAG LAYOUT_DIR [--parallelism N] [--plain-http]
 * </pre>
 *
 * <p>Blobs stream from file to socket and socket to file, verified on the way; memory does not
 * grow with blob size (run it with {@code -Xmx64m} on a 512 MiB layer to check).
 */
public final class ClientPushPull {
  private ClientPushPull() {}

  /**
   * Runs one push or pull and prints what {@code docker push} would (push) or the manifest digest (pull).
   *
   * @param args see the class documentation
   * @throws Exception when the transfer fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: push LAYOUT TAG REF | pull REF LAYOUT [--parallelism N] [--plain-http]");
      System.exit(2);
    }
    // The library's default parallelism unless told otherwise: the benchmark measures what users get.
    TransferOptions options = TransferOptions.DEFAULTS;
    boolean plain = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--parallelism")) {
        options = options.withParallelism(Integer.parseInt(args[i + 1]));
      } else if (args[i].equals("--plain-http")) {
        plain = true;
      }
    }
    long start = System.nanoTime();
    if (args[0].equals("push")) {
      ImageReference target = ImageReference.parse(args[3]);
      try (RegistryClient client = client(target, plain)) {
        Image image = OciLayout.open(Path.of(args[1])).image(args[2]);
        PushResult result = Remote.push(client, image, target, options);
        System.out.print(result.summary());
      }
    } else if (args[0].equals("pull")) {
      ImageReference source = ImageReference.parse(args[1]);
      try (RegistryClient client = client(source, plain)) {
        Descriptor written = Remote.pull(client, source, Optional.empty(), Path.of(args[2]), options);
        System.out.println(written.digest());
      }
    } else {
      System.err.println("unknown command " + args[0]);
      System.exit(2);
    }
    // The transfer alone, without JVM start-up: the whole-process time is what the harness measures.
    System.err.printf("%s took %d ms in-process (max heap %d MiB)%n", args[0], (System.nanoTime() - start) / 1_000_000,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static RegistryClient client(ImageReference reference, boolean plain) {
    RegistryClient.Builder builder = RegistryClient.builder();
    if (plain) {
      builder.plainHttp(reference.registry());
    }
    return builder.build();
  }
}
