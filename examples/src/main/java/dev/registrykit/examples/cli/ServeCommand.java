package dev.registrykit.examples.cli;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * {@code registrykit serve}: the testkit's in-memory fake registry as a local server, the {@code
 * docker run -p 5000:5000 registry:2} of this library. Runs until the process is stopped.
 */
final class ServeCommand implements Command {

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "serve",
        "",
        "Serves the in-memory fake registry (registry-testkit) until stopped.",
        """
        Like `docker run -p 5000:5000 registry:2`, without Docker: the whole OCI Distribution API,
        in memory (everything is gone when it stops). Prints one line with its address, then serves
        until interrupted (Ctrl-C). --port 0 picks a free port. Only loopback addresses are allowed.
        With --tls the generated CA certificate is written to a temporary directory whose path is
        printed (use it as --cert-dir).""",
        List.of(
            OptionSpec.value("port", "PORT", "the port to listen on (default 5000; 0 for a free one)"),
            OptionSpec.value("address", "ADDRESS", "the loopback address to bind (default 127.0.0.1)"),
            OptionSpec.value("auth", "none|basic|token", "how clients authenticate (default none)"),
            OptionSpec.value("user", "USER:PASS", "an account for --auth basic or token"),
            OptionSpec.flag("tls", "serve HTTPS with a generated certificate")),
        0,
        0,
        false);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    ParsedArgs args = invocation.args();
    int port = args.intValue("port", 5000, 0, 65535);
    InetAddress address = address(args.value("address").orElse("127.0.0.1"));
    AuthMode auth = auth(args.value("auth").orElse("none"));
    FakeRegistry.Builder builder =
        FakeRegistry.builder().port(port).address(address).auth(auth).https(args.has("tls"));
    if (args.value("user").isPresent()) {
      UserPassword user = UserPassword.parse("user", args.value("user").get());
      builder.user(user.user(), user.password());
    } else if (auth != AuthMode.NONE) {
      throw new UsageException("--auth " + args.value("auth").get() + " needs --user USER:PASS");
    }
    FakeRegistry registry = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  registry.close();
                  stopped.countDown();
                },
                "registrykit-serve-shutdown"));
    StringBuilder line =
        new StringBuilder("Serving the fake registry at ")
            .append(registry.baseUri())
            .append(" (images: ")
            .append(registry.registry())
            .append("/NAME, auth: ")
            .append(auth.name().toLowerCase(Locale.ROOT));
    if (registry.caCertificatePem().isPresent()) {
      Path certDir = Files.createTempDirectory("registrykit-serve-ca");
      Path caFile = registry.writeCaCertificate(certDir);
      // The CA is only good while this process serves; deleteOnExit runs in reverse order of
      // registration, so the file goes before its directory.
      certDir.toFile().deleteOnExit();
      caFile.toFile().deleteOnExit();
      line.append(", CA certificate in ").append(certDir);
    }
    line.append("); stop with Ctrl-C");
    invocation.console().out().println(line);
    invocation.console().out().flush();
    stopped.await();
  }

  private static InetAddress address(String s) throws UnknownHostException {
    InetAddress address = InetAddress.getByName(s);
    if (!address.isLoopbackAddress()) {
      throw new UsageException("--address must be a loopback address (127.0.0.1, ::1)");
    }
    return address;
  }

  private static AuthMode auth(String s) {
    switch (s) {
      case "none":
        return AuthMode.NONE;
      case "basic":
        return AuthMode.BASIC;
      case "token":
        return AuthMode.BEARER;
      default:
        throw new UsageException("--auth must be none, basic or token");
    }
  }
}
