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
        "Walks the Docker registry tutorial, starting with how docker reads image names.",
        """
        Shows how docker reads image names: alpine is docker.io/library/alpine, zavy86/figlet is
        docker.io/zavy86/figlet, and a private registry's name carries its host and port.""",
        List.of(),
        0,
        0,
        false);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    new Tutorial(invocation).run();
  }
}
