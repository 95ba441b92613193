package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Tag;
import java.util.List;

/** {@code registrykit tag REFERENCE NEW_TAG…}: more tags for a manifest, in the same repository. */
final class TagCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "tag",
        "REFERENCE NEW_TAG...",
        "Tags the manifest REFERENCE points at with each NEW_TAG, in the same repository.",
        "The manifest bytes are stored again unchanged, so the digest stays the same; no blob moves.",
        List.of(),
        2,
        Integer.MAX_VALUE,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    List<Tag> tags =
        invocation.positionals().subList(1, invocation.positionals().size()).stream()
            .map(Tag::parse)
            .toList();
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      Digest digest = client.tag(ref, tags.toArray(Tag[]::new));
      for (Tag tag : tags) {
        invocation.console().out().println(ref.repository().tag(tag) + " -> " + digest);
      }
    }
  }
}
