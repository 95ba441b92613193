package dev.registrykit.examples.cli;

import dev.registrykit.core.reference.ImageReference;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * The Docker registry tutorial, in Java: what {@code registrykit tutorial} prints.
 *
 * <p>Each step shows the {@code docker} command it mirrors ({@code $ docker …}) and then what the
 * library does and prints in its place. The images are built here, reproducibly, so every digest
 * is the same on every run and every machine.
 */
final class Tutorial {
  private final Invocation invocation;
  private final PrintStream out;

  Tutorial(Invocation invocation) {
    this.invocation = Objects.requireNonNull(invocation, "invocation");
    this.out = invocation.console().out();
  }

  void run() throws Exception {
    names();
  }

  // The chapter starts with naming: docker completes short names with docker.io and library/.
  private void names() {
    section("Image names", "how docker reads a name before it talks to any registry");
    for (String name :
        List.of(
            "alpine",
            "zavy86/figlet",
            "localhost:5000/figlet",
            "registry.tld:1234/repository/image")) {
      ImageReference ref = ImageReference.parse(name);
      out.printf(
          "%-36s registry %-18s repository %-18s full name %s%n",
          name,
          ref.registry(),
          ref.repository(),
          ref);
    }
  }

  private void section(String title, String subtitle) {
    out.println();
    out.println("== " + title + " (" + subtitle + ")");
  }
}
