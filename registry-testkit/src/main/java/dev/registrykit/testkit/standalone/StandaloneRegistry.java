package dev.registrykit.testkit.standalone;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves a {@link FakeRegistry} until the process is stopped.
 *
 * <pre>
 * java -jar registry-testkit-0.1.0-SNAPSHOT-standalone.jar [--port 5000] [--address 127.0.0.1]
 *     [--auth none|basic|token] [--user USER:PASS]... [--tls] [--no-referrers] [--read-only]
 * </pre>
 *
 * <p>Only loopback addresses are accepted: the fake has no persistence, no rate limits and, by
 * default, no authentication. With {@code --tls} the generated CA certificate is written to a new
 * temporary directory (as {@code ca.crt}, ready for {@code skopeo --cert-dir}) and its path printed.
 */
public final class StandaloneRegistry {
  private StandaloneRegistry() {}

  /** Parsed command line. */
  record Options(
      int port,
      InetAddress address,
      AuthMode auth,
      List<String[]> users,
      boolean tls,
      boolean referrers,
      boolean readOnly,
      boolean help) {}

  /**
   * Runs the registry until SIGINT/SIGTERM.
   *
   * @param args the command line
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(usage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<FakeRegistry> running = new AtomicReference<>();
    // Registered before starting, so a SIGTERM during start-up still closes what was started.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  FakeRegistry registry = running.getAndSet(null);
                  if (registry != null) {
                    registry.close();
                    System.out.println("registrykit fake registry stopped");
                    System.out.flush();
                  }
                  stopped.countDown();
                },
                "registrykit-shutdown"));
    running.set(start(options, System.out));
    stopped.await();
  }

  /** Starts the registry and prints where it listens (and, with TLS, where the CA was written). */
  static FakeRegistry start(Options options, PrintStream out) throws IOException {
    FakeRegistry.Builder builder =
        FakeRegistry.builder()
            .address(options.address())
            .hostName(options.address().getHostAddress())
            .port(options.port())
            .auth(options.auth())
            .https(options.tls())
            .referrers(options.referrers())
            .readOnly(options.readOnly())
            .listener(e -> out.println(Instant.now() + " " + e));
    for (String[] user : options.users()) {
      builder.user(user[0], user[1]);
    }
    FakeRegistry registry = builder.start();
    out.println("registrykit fake registry listening on " + registry.baseUri() + " (auth " + options.auth().name().toLowerCase(Locale.ROOT) + ")");
    if (options.tls()) {
      Path dir = Files.createTempDirectory("registrykit-ca-");
      Path ca = registry.writeCaCertificate(dir);
      // The CA is only valid while this process serves; deleteOnExit runs in reverse order of
      // registration, so the file goes before its directory.
      dir.toFile().deleteOnExit();
      ca.toFile().deleteOnExit();
      out.println("CA certificate written to " + ca + " (skopeo: --cert-dir " + dir + ")");
    }
    out.flush();
    return registry;
  }

  static Options parse(String[] args) {
    int port = 5000;
    String address = "127.0.0.1";
    AuthMode auth = AuthMode.NONE;
    List<String[]> users = new ArrayList<>();
    boolean tls = false;
    boolean referrers = true;
    boolean readOnly = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      Optional<String> inline = Optional.empty();
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        inline = Optional.of(arg.substring(eq + 1));
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--port":
          String p = inline.orElse(null);
          if (p == null) {
            i++;
            p = requireValue(args, i, "--port");
          }
          try {
            port = Integer.parseInt(p);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number: " + p);
          }
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port out of range: " + port);
          }
          break;
        case "--address":
          String a = inline.orElse(null);
          if (a == null) {
            i++;
            a = requireValue(args, i, "--address");
          }
          address = a;
          break;
        case "--auth":
          String mode = inline.orElse(null);
          if (mode == null) {
            i++;
            mode = requireValue(args, i, "--auth");
          }
          switch (mode) {
            case "none":
              auth = AuthMode.NONE;
              break;
            case "basic":
              auth = AuthMode.BASIC;
              break;
            case "token":
            case "bearer":
              auth = AuthMode.BEARER;
              break;
            default:
              throw new IllegalArgumentException("--auth must be none, basic or token: " + mode);
          }
          break;
        case "--user":
          String user = inline.orElse(null);
          if (user == null) {
            i++;
            user = requireValue(args, i, "--user");
          }
          int colon = user.indexOf(':');
          if (colon <= 0) {
            throw new IllegalArgumentException("--user must be USER:PASS");
          }
          users.add(new String[] {user.substring(0, colon), user.substring(colon + 1)});
          break;
        case "--tls":
          tls = true;
          break;
        case "--no-referrers":
          referrers = false;
          break;
        case "--read-only":
          readOnly = true;
          break;
        case "--help":
        case "-h":
          help = true;
          break;
        default:
          throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    if (auth != AuthMode.NONE && users.isEmpty()) {
      throw new IllegalArgumentException("--auth " + auth.name().toLowerCase(Locale.ROOT) + " needs at least one --user USER:PASS");
    }
    InetAddress bind;
    try {
      bind = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown --address: " + address);
    }
    if (!bind.isLoopbackAddress()) {
      throw new IllegalArgumentException("--address must be a loopback address (the fake is for local testing): " + address);
    }
    return new Options(port, bind, auth, List.copyOf(users), tls, referrers, readOnly, help);
  }

  private static String requireValue(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  static String usage() {
    return "usage: java -jar registry-testkit-standalone.jar [--port 5000] [--address 127.0.0.1]"
        + " [--auth none|basic|token] [--user USER:PASS]... [--tls] [--no-referrers] [--read-only]";
  }
}
