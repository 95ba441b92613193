package dev.registrykit.examples.cli;

import java.util.List;

/** {@code registrykit push LAYOUT_DIR[:TAG] REFERENCE}: an OCI layout's image to a registry. */
final class PushCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "push",
        "LAYOUT_DIR[:TAG] REFERENCE",
        "Pushes an image or index from an OCI image layout directory to a registry.",
        """
        TAG is the layout's org.opencontainers.image.ref.name (optional when the layout holds one
        manifest). Blobs the registry has are skipped; the output is docker push's: one line per
        layer, then TAG: digest: sha256:... size: N. The same as copy oci:LAYOUT_DIR[:TAG] REFERENCE.""",
        List.of(),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    String layout = invocation.positional(0);
    ImageLocation source =
        ImageLocation.parse(layout.startsWith("oci:") ? layout : "oci:" + layout);
    ImageLocation destination = ImageLocation.parse(invocation.positional(1));
    if (!(destination instanceof ImageLocation.Remote)) {
      throw new UsageException("push needs a registry reference as REFERENCE; see copy for others");
    }
    new Transfers(invocation, java.util.Optional.empty()).copy(source, destination);
  }
}
