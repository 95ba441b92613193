package dev.registrykit.benchmarks;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A small entry point for whole-process benchmarks of the client: push an image from an OCI layout
 * to a registry, or pull one from a registry into an OCI layout — what {@code skopeo copy} does
 * between {@code oci:} and {@code docker://}, so the two can be timed side by side (see {@code
 * process.PeerComparison}, contender {@code registrykit-api}; {@link #push} and {@link #pull} are
 * what {@code registrykit-api-warm} calls in the harness's own JVM).
 *
 * <pre>
 * java [-Xmx64m] -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.ClientPushPull \
 *     push LAYOUT_DIR TAG HOST:PORT/REPO:TAG [--parallelism N] [--plain-http]
 * java … ClientPushPull pull HOST:PORT/REPO:TAG LAYOUT_DIR [--parallelism N] [--plain-http]
 * </pre>
 *
 * <p>Blobs stream from file to socket and socket to file, verified on the way; memory does not grow
 * with blob size (run it with {@code -Xmx64m} on a 512 MiB layer to check).
 */
public final class ClientPushPull {
  private ClientPushPull() {}

  /**
   * Runs one push or pull and prints what {@code docker push} would (push) or the manifest digest
   * (pull).
   *
   * @param args see the class documentation
   * @throws Exception when the transfer fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println(
          "usage: push LAYOUT TAG REF | pull REF LAYOUT [--parallelism N] [--plain-http]");
      System.exit(2);
    }
    // The library's default parallelism unless told otherwise: the benchmark measures what users
    // get.
    TransferOptions options = TransferOptions.defaults();
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
      System.out.print(
          push(Path.of(args[1]), args[2], ImageReference.parse(args[3]), plain, options).summary());
    } else if (args[0].equals("pull")) {
      System.out.println(
          pull(ImageReference.parse(args[1]), Path.of(args[2]), plain, options).digest());
    } else {
      System.err.println("unknown command " + args[0]);
      System.exit(2);
    }
    // The transfer alone, without JVM start-up: the whole-process time is what the harness
    // measures.
    System.err.printf(
        "%s took %d ms in-process (max heap %d MiB)%n",
        args[0], (System.nanoTime() - start) / 1_000_000, Runtime.getRuntime().maxMemory() >> 20);
  }

  /**
   * Pushes an image from an OCI layout with a client of its own, closed before returning: what one
   * {@code push} command does, also called in-process by the harness's {@code
   * registrykit-api-warm}.
   *
   * @param layout the OCI layout directory
   * @param tag the image's tag in the layout's {@code index.json}
   * @param target where to push it
   * @param plainHttp whether to speak plain HTTP to the target registry
   * @param options transfer options
   * @return what was pushed
   * @throws IOException when the layout cannot be read or the push fails
   */
  public static PushResult push(
      Path layout, String tag, ImageReference target, boolean plainHttp, TransferOptions options)
      throws IOException {
    try (RegistryClient client = client(target, plainHttp)) {
      Image image = OciLayout.open(layout).image(tag);
      return Remote.push(client, image, target, options);
    }
  }

  /**
   * Pulls an image into an OCI layout with a client of its own, closed before returning: what one
   * {@code pull} command does, also called in-process by the harness's {@code
   * registrykit-api-warm}.
   *
   * @param source the image to pull
   * @param layout the OCI layout directory to write (created when missing)
   * @param plainHttp whether to speak plain HTTP to the source registry
   * @param options transfer options
   * @return the descriptor of the manifest written
   * @throws IOException when the pull or a write fails
   */
  public static Descriptor pull(
      ImageReference source, Path layout, boolean plainHttp, TransferOptions options)
      throws IOException {
    try (RegistryClient client = client(source, plainHttp)) {
      return Remote.pull(client, source, layout, options).descriptor();
    }
  }

  private static RegistryClient client(ImageReference reference, boolean plain) {
    RegistryClient.Builder builder = RegistryClient.builder();
    if (plain) {
      builder.plainHttp(reference.registry());
    }
    return builder.build();
  }
}
