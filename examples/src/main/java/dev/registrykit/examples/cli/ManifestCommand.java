package dev.registrykit.examples.cli;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;

/**
 * {@code registrykit manifest REFERENCE}: the manifest's exact bytes, as the registry stores them;
 * on a terminal, made safe for it ({@link Console#printJson}).
 */
final class ManifestCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "manifest",
        "REFERENCE",
        "Prints the manifest (or index) REFERENCE points at, byte for byte.",
        "The bytes are verified against the digest; their sha256 is the manifest digest.\n"
            + Console.JSON_OUTPUT_HELP,
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      ManifestResponse response = client.getManifest(ref);
      invocation.console().printJson(response.manifest().bytes());
    }
  }
}
