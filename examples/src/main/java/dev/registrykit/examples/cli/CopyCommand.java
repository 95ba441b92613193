package dev.registrykit.examples.cli;

import java.util.List;

/** {@code registrykit copy SOURCE DESTINATION}: an image or index from one place to another. */
final class CopyCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "copy",
        "SOURCE DESTINATION",
        "Copies an image or index between registries, OCI layouts and docker-save archives.",
        """
        SOURCE and DESTINATION are each a registry reference (HOST[:PORT]/NAME[:TAG|@DIGEST],
        optionally prefixed docker://), an OCI image layout directory oci:DIR[:TAG], or a docker
        save archive docker-archive:FILE. Between registries blobs stream without touching the disk
        (mounted instead on the same registry); blobs the destination has are skipped. Manifests
        are copied byte for byte, so digests stay the same, except into a docker-archive, which
        keeps the image ID (config digest) but stores Docker's own manifest. --platform picks one
        image of a multi-platform index (a docker-archive needs one image).""",
        List.of(RemoteCommands.PLATFORM),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageLocation source = ImageLocation.parse(invocation.positional(0));
    ImageLocation destination = ImageLocation.parse(invocation.positional(1));
    new Transfers(invocation, invocation.args().value("platform").map(RemoteCommands::parsePlatform))
        .copy(source, destination);
  }
}
