package dev.registrykit.examples.cli;

import java.util.List;

/**
 * {@code registrykit tutorial [--registry HOST:PORT]}: the registry chapter of the Docker tutorial,
 * end to end, in Java, with no Docker and no network.
 */
final class TutorialCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "tutorial",
        "",
        "Walks the Docker registry tutorial: names, build, tag, push, pull.",
        """
        Shows how docker reads image names (alpine is docker.io/library/alpine), builds a small
        figlet image on an alpine-like base (both made here, reproducibly, with the layer builder),
        tags it zavy86/figlet and lists both names with the same IMAGE ID, starts the embedded fake
        registry on a free local port (or uses --registry, spoken to over plain HTTP), pushes the
        base to library/alpine and then figlet (its base layer is mounted, not uploaded again), and
        pulls figlet back, verifying every digest.""",
        List.of(
            OptionSpec.value(
                "registry",
                "HOST:PORT",
                "use this registry (plain HTTP, e.g. a local registry:2) instead of the embedded one")),
        0,
        0,
        false);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    new Tutorial(invocation).run();
  }
}
