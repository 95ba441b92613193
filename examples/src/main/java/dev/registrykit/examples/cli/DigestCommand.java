package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;

/** {@code registrykit digest REFERENCE}: the manifest digest a tag points at (HEAD, no body). */
final class DigestCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "digest",
        "REFERENCE",
        "Prints the manifest digest REFERENCE points at.",
        "A tagless reference means :latest. The digest is the registry's Docker-Content-Digest.",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      // HEAD, not GET: the digest is all we print, so the manifest body need not travel.
      var descriptor =
          client
              .headManifest(ref)
              .orElseThrow(
                  () ->
                      new ManifestNotFoundException(
                          "HEAD manifest " + ref,
                          404,
                          List.of(),
                          "not found: " + ref + " does not exist"));
      invocation.console().out().println(descriptor.digest());
    }
  }
}
