package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.text.UntrustedText;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code registrykit ratelimit REFERENCE}: the pull limit a registry announces, without using a
 * pull.
 */
final class RateLimitCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "ratelimit",
        "REFERENCE",
        "Shows the pull rate limit the registry announces for REFERENCE (Docker Hub's limits).",
        "Sends a HEAD for the manifest, which Docker Hub does not count as a pull, and prints its"
            + " RateLimit-Limit, RateLimit-Remaining and Docker-RateLimit-Source headers. Registries and"
            + " accounts without a limit announce none. A tagless reference means :latest.",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ImageReference ref = RemoteCommands.reference(invocation.positional(0));
    try (RegistryClient client = RemoteCommands.client(invocation, ref)) {
      Optional<RateLimit> limit = client.rateLimit(ref);
      PrintStream out = invocation.console().out();
      if (limit.isEmpty()) {
        out.println("no rate limit announced for " + ref.registry());
        return;
      }
      RateLimit l = limit.get();
      String window = l.window().map(w -> " per " + RateLimit.describe(w)).orElse("");
      l.limit().ifPresent(n -> out.println("limit:     " + n + window));
      l.remaining().ifPresent(n -> out.println("remaining: " + n));
      l.reset().ifPresent(r -> out.println("reset:     in " + RateLimit.describe(r)));
      l.source()
          .ifPresent(
              s ->
                  out.println(
                      "source:    "
                          // A header value the registry chose: escaped before it reaches a
                          // terminal.
                          + UntrustedText.display(s)
                          + l.countsAddress()
                              .map(
                                  address ->
                                      address
                                          ? " (anonymous: counted per IP address)"
                                          : " (account)")
                              .orElse("")));
    }
  }
}
