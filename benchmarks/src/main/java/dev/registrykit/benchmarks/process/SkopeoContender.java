package dev.registrykit.benchmarks.process;

import dev.registrykit.interop.Peers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code skopeo copy} between the OCI layout and the registry. {@code --preserve-digests} makes
 * sure the manifest and layer bytes arrive unchanged, the same bytes every other contender moves
 * (skopeo 1.9 keeps these uncompressed layers as they are anyway; checked with {@code inspect
 * --raw}); {@code --dest-oci-accept-uncompressed-layers} stops it gzip-compressing them on pull.
 */
public final class SkopeoContender implements Contender {

  @Override
  public String name() {
    return "skopeo";
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    return Peers.skopeoBinary().isPresent()
        ? Optional.empty()
        : Optional.of("skopeo not installed (run scripts/install-peers.sh)");
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    return Action.command(command(direction, image, target.hostPort(), scratch));
  }

  /** The command line; also used by the harness to seed a target before a timed pull. */
  static List<String> command(
      Direction direction, BenchImage image, String hostPort, Path scratch) {
    String remote = "docker://" + hostPort + "/" + Contender.REPOSITORY + ":" + image.tag();
    List<String> command = new ArrayList<>();
    command.add(Peers.skopeoBinary().map(Path::toString).orElse("skopeo"));
    command.addAll(
        List.of("--insecure-policy", "copy", "--quiet", "--retry-times=0", "--preserve-digests"));
    if (direction == Direction.PUSH) {
      command.add("--dest-tls-verify=false");
      command.add(image.ociName());
      command.add(remote);
    } else {
      command.add("--src-tls-verify=false");
      command.add("--dest-oci-accept-uncompressed-layers");
      command.add(remote);
      command.add("oci:" + scratch.resolve("layout") + ":" + image.tag());
    }
    return command;
  }
}
