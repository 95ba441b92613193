package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.util.List;

/** {@code registrykit tags REPOSITORY}: every tag, one per line, sorted. */
final class TagsCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "tags",
        "REPOSITORY",
        "Lists the tags of REPOSITORY, one per line.",
        "Follows pagination; the list is sorted (registries need not sort it).",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    Repository repository = Repository.parse(invocation.positional(0));
    try (RegistryClient client = Registries.client(invocation, List.of(repository.registry()))) {
      for (String tag : client.listTags(repository).stream().map(Tag::toString).sorted().toList()) {
        invocation.console().out().println(tag);
      }
    }
  }
}
