package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.util.List;

/** {@code registrykit catalog REGISTRY}: every repository of a registry, one per line. */
final class CatalogCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "catalog",
        "REGISTRY",
        "Lists the repositories of REGISTRY (HOST[:PORT]), one per line.",
        "Uses the registry's /v2/_catalog, following pagination. Docker Hub does not offer it.",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    Registry registry = Registry.parse(invocation.positional(0));
    try (RegistryClient client = Registries.client(invocation, List.of(registry))) {
      for (Repository repository : client.catalog(registry)) {
        invocation.console().out().println(repository.path());
      }
    }
  }
}
