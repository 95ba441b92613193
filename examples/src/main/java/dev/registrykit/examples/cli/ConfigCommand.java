package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;

/** {@code registrykit config REFERENCE}: the image's config blob (whose digest is the image ID). */
final class ConfigCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "config",
        "REFERENCE",
        "Prints the config of the image REFERENCE points at.",
        """
        The config's digest is what docker calls the IMAGE ID. For a multi-platform index the
        image for --platform (default linux/amd64) is used.
        """
            + Console.JSON_OUTPUT_HELP,
        List.of(RemoteCommands.PLATFORM),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    var platform = RemoteCommands.platform(invocation);
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      // Fetches the manifest (the platform's, for an index) and the config, verified; no layer.
      Bytes config = Remote.image(client, ref, platform).rawConfig();
      invocation.console().printJson(config);
    }
  }
}
