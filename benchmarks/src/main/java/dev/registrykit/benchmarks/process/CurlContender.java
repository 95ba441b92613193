package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code curl} moving the single layer blob the simplest way the protocol allows: push is {@code
 * POST /blobs/uploads/} then one monolithic {@code PUT ?digest=} streaming the file; pull is one
 * {@code GET} of the blob. No manifest, no existence checks: the practical single-stream ceiling
 * the others are measured against. Only for single-layer images.
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

  @Override
  public String name() {
    return "curl";
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    if (image.layers().size() != 1) {
      return Optional.of("single-blob ceiling only; n/a for multi-layer images");
    }
    if (!onPath("curl")) {
      return Optional.of("curl not installed");
    }
    return Optional.empty();
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    BenchImage.Blob layer = image.layers().get(0);
    String base = "http://" + target.hostPort();
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
