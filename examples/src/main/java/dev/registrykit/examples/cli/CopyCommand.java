package dev.registrykit.examples.cli;

import dev.registrykit.client.PushResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.Remote;
import dev.registrykit.client.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;
import java.util.Set;

/** {@code registrykit copy SOURCE DESTINATION}: an image or index from one place to another. */
final class CopyCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "copy",
        "SOURCE DESTINATION",
        "Copies an image or a multi-platform index between registries.",
        """
        SOURCE and DESTINATION are references (HOST[:PORT]/NAME[:TAG|@DIGEST], optionally prefixed
        docker://). Blobs stream from source to destination without touching the disk; on the same
        registry they are mounted instead. The manifest bytes are copied unchanged, so the digest is
        the same on both sides.""",
        List.of(),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference from = remote(invocation.positional(0)).withDefaultTag();
    ImageReference to = remote(invocation.positional(1));
    boolean defaultTag = to.tag().isEmpty() && to.digest().isEmpty();
    ImageReference target = to.withDefaultTag();
    try (RegistryClient client =
        Registries.client(invocation, List.of(from.registry(), to.registry()))) {
      Manifest source = ManifestCodec.parse(client.getManifest(from).manifest());
      Set<Digest> config =
          source instanceof ImageManifest
              ? Set.of(((ImageManifest) source).config().digest())
              : Set.of();
      PushPrinter printer = new PushPrinter(invocation.console(), config);
      printer.start(target, defaultTag);
      PushResult result =
          Remote.copy(
              client, from, client, target, TransferOptions.DEFAULTS.withListener(printer.listener()));
      printer.finish(result);
    }
  }

  private static ImageReference remote(String s) {
    ImageLocation location = ImageLocation.parse(s);
    if (!(location instanceof ImageLocation.Remote)) {
      throw new UsageException("copy takes registry references: " + location);
    }
    return ((ImageLocation.Remote) location).reference();
  }
}
