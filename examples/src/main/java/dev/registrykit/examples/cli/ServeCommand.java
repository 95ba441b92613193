package dev.registrykit.examples.cli;

import dev.registrykit.testkit.standalone.StandaloneRegistry;
import java.util.List;

/**
 * {@code registrykit serve}: the testkit's in-memory fake registry as a local server, the {@code
 * docker run -p 5000:5000 registry:2} of this library. Runs until the process is stopped.
 *
 * <p>The options, their parsing and the output are the testkit standalone server's ({@link
 * StandaloneRegistry.Options#parse}, {@link StandaloneRegistry#serve}); this command only declares
 * them for {@code --help} and hands them over.
 */
final class ServeCommand implements Command {
  /** Exactly {@link StandaloneRegistry#SYNOPSIS}; {@code ServeCommandTest} keeps them in step. */
  static final List<OptionSpec> OPTIONS =
      List.of(
          OptionSpec.value(
              "port", "PORT", "the port to listen on (default 5000; 0 for a free one)"),
          OptionSpec.value(
              "address", "ADDRESS", "the loopback address to bind (default 127.0.0.1)"),
          OptionSpec.value("auth", "none|basic|token", "how clients authenticate (default none)"),
          OptionSpec.value(
              "user", "USER:PASS", "an account for --auth basic or token; repeat for more"),
          OptionSpec.flag("tls", "serve HTTPS with a generated certificate"),
          OptionSpec.flag(
              "no-referrers", "answer the referrers API with 404, like a registry without it"),
          OptionSpec.flag("read-only", "refuse every write, like a registry in read-only mode"),
          OptionSpec.value(
              "upload-expiry",
              "DURATION",
              "drop upload sessions untouched this long, e.g. 15m (default 1h; 0 for never)"),
          OptionSpec.value(
              "journal-limit",
              "N",
              "keep the last N requests in the journal (default 10000; 0 for all)"),
          OptionSpec.value(
              "storage", "DIR", "keep uploaded blobs in files under DIR instead of the heap"));

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "serve",
        "",
        "Serves the in-memory fake registry (registry-testkit) until stopped.",
        """
        Like `docker run -p 5000:5000 registry:2`, without Docker: the whole OCI Distribution API,
        in memory (everything is gone when it stops). Prints one line with its address, then one
        line per request, until interrupted (Ctrl-C). --port 0 picks a free port. Only loopback
        addresses are allowed. With --tls the generated CA certificate is written to a temporary
        directory whose path is printed (use it as --cert-dir). The same options as the testkit's
        standalone jar.""",
        OPTIONS,
        0,
        0,
        false);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    // IllegalArgumentException (bad option values) is a usage error: exit code 2.
    StandaloneRegistry.Options options =
        StandaloneRegistry.Options.parse(invocation.args().optionArgs(OPTIONS));
    StandaloneRegistry.serve(options, invocation.console().out());
  }
}
