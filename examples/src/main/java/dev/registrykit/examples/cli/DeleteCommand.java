package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;

/** {@code registrykit delete REFERENCE}: deletes the manifest a tag or digest points at. */
final class DeleteCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "delete",
        "REFERENCE",
        "Deletes the manifest REFERENCE points at.",
        """
        A tag is resolved to its digest first, and the manifest is deleted by digest: on a
        Distribution registry every tag pointing at it goes with it. The registry must allow
        deletes.""",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      Digest digest = client.deleteManifest(ref);
      invocation.console().out().println("Deleted: " + ref.repository().digest(digest));
    }
  }
}
