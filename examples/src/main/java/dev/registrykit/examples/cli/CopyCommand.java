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
        image of a multi-platform index (a docker-archive needs one image).

        Each side of the copy may be reached its own way, as with skopeo: --src-creds and
        --dest-creds give each registry its own credentials (--creds alone is refused between two
        registries: one password would reach both), --src-tls-verify=false and
        --dest-tls-verify=false turn TLS verification off (or allow plain HTTP) on one side only,
        --src-cert-dir and --dest-cert-dir trust CA certificates for one side. Where a per-side
        option is missing, --creds, --insecure and --cert-dir apply.""",
        List.of(
            RemoteCommands.PLATFORM,
            OptionSpec.value("src-creds", "USER:PASS", "credentials for the source registry"),
            OptionSpec.value("dest-creds", "USER:PASS", "credentials for the destination registry"),
            OptionSpec.value("src-tls-verify", "BOOL", "false: no TLS verification, or plain HTTP, for the source"),
            OptionSpec.value("dest-tls-verify", "BOOL", "false: no TLS verification, or plain HTTP, for the destination"),
            OptionSpec.value("src-cert-dir", "DIR", "trust the CA certificates (*.crt) in DIR for the source"),
            OptionSpec.value("dest-cert-dir", "DIR", "trust the CA certificates (*.crt) in DIR for the destination")),
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
