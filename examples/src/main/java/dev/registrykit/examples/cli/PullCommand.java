package dev.registrykit.examples.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code registrykit pull REFERENCE LAYOUT_DIR [--platform]}: a registry image into an OCI layout.
 */
final class PullCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "pull",
        "REFERENCE LAYOUT_DIR",
        "Pulls an image or index from a registry into an OCI image layout directory.",
        """
        The layout is created when missing; blobs it has already are not downloaded again. Blobs
        download in parallel and are verified against their digests as they stream. The manifest is
        named after REFERENCE's tag in index.json. With --platform only that image of a
        multi-platform index is pulled; without it, the whole index.""",
        List.of(RemoteCommands.PLATFORM),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageLocation source = ImageLocation.parse(invocation.positional(0));
    if (!(source instanceof ImageLocation.Remote)) {
      throw new UsageException("pull needs a registry reference as REFERENCE; see copy for others");
    }
    ImageLocation destination =
        new ImageLocation.Layout(Path.of(invocation.positional(1)), java.util.Optional.empty());
    new Transfers(
            invocation, invocation.args().value("platform").map(RemoteCommands::parsePlatform))
        .copy(source, destination);
  }
}
