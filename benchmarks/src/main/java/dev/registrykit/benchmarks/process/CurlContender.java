package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code curl} moving an image the simplest way the protocol allows, as the practical bound the
 * other contenders are measured against.
 *
 * <p>Single-layer images (the single-stream ceiling): push is {@code POST /blobs/uploads/} then one
 * monolithic {@code PUT ?digest=} streaming the file; pull is one {@code GET} of the blob. No
 * manifest, no existence checks.
 *
 * <p>Pull of a multi-layer image (the many-blobs lower bound): ONE {@code curl} process with {@code
 * --parallel --parallel-max 8} GETs the manifest by tag, the config blob and every distinct layer
 * blob into files under the scratch directory; the URL/output pairs come from a curl config file
 * ({@code -K}) written when the action is built, outside the timed run. The 8 matches RegistryKit's
 * default pull parallelism. It is a lower bound, not a fair client: nothing is verified (no digest
 * or size check of any blob or of the manifest), nothing is parsed (the blob list is taken from the
 * image on disk instead of from the fetched manifest, so the manifest GET does not gate the blob
 * GETs), and the files are not assembled into a layout. With {@code -f} any HTTP error fails its
 * transfer, and with {@code --parallel} curl 7.88 then exits non-zero even when the other transfers
 * succeed, so a broken pull cannot pass as a fast one. The {@code Accept} header is sent with every
 * request of the run (one header for all transfers keeps it one curl operation); registries ignore
 * it on blob GETs.
 *
 * <p>Push of a multi-layer image is not covered: a curl push needs one {@code POST}, a {@code PUT}
 * built from its {@code Location} answer per blob and then the manifest {@code PUT}, i.e. a script
 * of dependent requests rather than one curl process.
 */
public final class CurlContender implements Contender {

  /** The push script, run as {@code bash curl-push.sh BASE_URL FILE DIGEST REPOSITORY}. */
  static final String PUSH_SCRIPT =
      "set -euo pipefail\n"
          + "base=$1 file=$2 digest=$3 repo=$4\n"
          + "loc=$(curl -sS -f -o /dev/null -w '%header{location}' -X POST"
          + " \"$base/v2/$repo/blobs/uploads/\")\n"
          + "case \"$loc\" in /*) loc=\"$base$loc\";; esac\n"
          + "case \"$loc\" in *\\?*) sep='&';; *) sep='?';; esac\n"
          // -T streams the file; 'Expect:' stops curl waiting for a 100-continue some servers never
          // send.
          + "curl -sS -f -o /dev/null -H 'Expect:' -H 'Content-Type: application/octet-stream'"
          + " -T \"$file\" \"$loc${sep}digest=$digest\"\n";

  /** Concurrent transfers of the multi-layer pull: RegistryKit's default pull parallelism. */
  static final int PULL_PARALLELISM = 8;

  /** The manifest media type the multi-layer pull asks for. */
  static final String MANIFEST_ACCEPT = "application/vnd.oci.image.manifest.v1+json";

  @Override
  public String name() {
    return "curl";
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    if (image.layers().size() != 1 && direction == Direction.PUSH) {
      return Optional.of(
          "push covered for single-layer images only (a multi-layer push is a script of dependent"
              + " requests per blob, not one curl process)");
    }
    if (!onPath("curl")) {
      return Optional.of("curl not installed");
    }
    return Optional.empty();
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    String base = "http://" + target.hostPort();
    if (image.layers().size() != 1) {
      if (direction == Direction.PUSH) {
        throw new IllegalArgumentException("curl does not push multi-layer images");
      }
      return parallelPull(base, image, scratch);
    }
    BenchImage.Blob layer = image.layers().get(0);
    if (direction == Direction.PUSH) {
      Path script = scratch.resolve("curl-push.sh");
      try {
        Files.writeString(script, PUSH_SCRIPT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Action.command(
          List.of(
              "bash",
              script.toString(),
              base,
              layer.path().toString(),
              layer.digest(),
              Contender.REPOSITORY));
    }
    return Action.command(
        List.of(
            "curl",
            "-sS",
            "-f",
            "-o",
            scratch.resolve("blob").toString(),
            base + "/v2/" + Contender.REPOSITORY + "/blobs/" + layer.digest()));
  }

  /**
   * Writes the config file and its output directories (untimed, before the run) and returns the one
   * {@code curl --parallel} command that reads it.
   */
  private static Action parallelPull(String base, BenchImage image, Path scratch) {
    Path config = scratch.resolve("curl-pull.conf");
    try {
      Files.createDirectories(scratch.resolve("pull"));
      Files.writeString(config, pullConfig(base, image, scratch), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Action.command(
        List.of(
            "curl",
            "-sS",
            "-f",
            // curl 7.88 draws its parallel progress meter even with -s.
            "--no-progress-meter",
            "--parallel",
            "--parallel-max",
            Integer.toString(PULL_PARALLELISM),
            "-H",
            "Accept: " + MANIFEST_ACCEPT,
            "-K",
            config.toString()));
  }

  /**
   * The curl config for a multi-layer pull: a {@code url}/{@code output} pair for the manifest (by
   * tag) and one per distinct blob (config, then layers in manifest order), each blob written to
   * {@code SCRATCH/pull/blob-sha256-HEX}.
   *
   * @param base e.g. {@code http://127.0.0.1:5000}
   * @param image the image
   * @param scratch the run's scratch directory
   * @return the config file's text
   */
  static String pullConfig(String base, BenchImage image, Path scratch) {
    String repository = base + "/v2/" + Contender.REPOSITORY;
    StringBuilder config = new StringBuilder();
    pair(config, repository + "/manifests/" + image.tag(), scratch.resolve("pull/manifest.json"));
    // A client fetches each blob once, however often the manifest lists it.
    Set<String> digests = new LinkedHashSet<>();
    digests.add(image.config().digest());
    for (BenchImage.Blob layer : image.layers()) {
      digests.add(layer.digest());
    }
    for (String digest : digests) {
      // sha256:HEX -> blob-sha256-HEX: distinct digests give distinct files, no ':' in names.
      pair(
          config,
          repository + "/blobs/" + digest,
          scratch.resolve("pull/blob-" + digest.replace(':', '-')));
    }
    return config.toString();
  }

  private static void pair(StringBuilder config, String url, Path output) {
    config
        .append("url = ")
        .append(quoted(url))
        .append('\n')
        .append("output = ")
        .append(quoted(output.toString()))
        .append('\n');
  }

  /** A double-quoted curl config value; backslash and quote are the escapes it knows. */
  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }
}
