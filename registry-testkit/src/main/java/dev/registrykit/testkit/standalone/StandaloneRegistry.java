package dev.registrykit.testkit.standalone;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Serves a {@link FakeRegistry} until the process is stopped.
 *
 * <pre>
 * java -jar registry-testkit-0.1.0-SNAPSHOT-standalone.jar [--port 5000] [--address 127.0.0.1]
 *     [--auth none|basic|token] [--user USER:PASS]... [--tls] [--no-referrers] [--read-only]
 *     [--upload-expiry 1h] [--journal-limit 10000] [--storage DIR]
 * </pre>
 *
 * <p>Only loopback addresses are accepted: the fake has no persistence, no rate limits and, by
 * default, no authentication. With {@code --tls} the generated CA certificate is written to a new
 * temporary directory (as {@code ca.crt}, ready for {@code skopeo --cert-dir}) and its path
 * printed.
 *
 * <p>{@link Options#parse(List)}, {@link #start(Options, PrintStream)} and {@link #serve(Options,
 * PrintStream)} are public so that other programs (the {@code registrykit serve} command) offer
 * exactly the same options and output.
 */
public final class StandaloneRegistry {
  /** The options as shown in usage lines. */
  public static final String SYNOPSIS =
      "[--port 5000] [--address 127.0.0.1] [--auth none|basic|token] [--user USER:PASS]... [--tls]"
          + " [--no-referrers] [--read-only] [--upload-expiry 1h] [--journal-limit 10000] [--storage DIR]";

  private StandaloneRegistry() {}

  /**
   * An account from {@code --user USER:PASS}. {@link #toString()} never shows the password.
   *
   * @param name the user name, non-empty, without {@code ':'}
   * @param password the password (may contain {@code ':'})
   */
  public record User(String name, String password) {
    /**
     * Validates the account.
     *
     * @throws IllegalArgumentException if the name is empty or contains {@code ':'}
     */
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (name.isEmpty() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("--user must be USER:PASS");
      }
    }

    /**
     * Splits {@code USER:PASS} at the first colon.
     *
     * @param userColonPassword the option value
     * @return the account
     * @throws IllegalArgumentException without a colon or with an empty user; the message never
     *     repeats the value
     */
    public static User parse(String userColonPassword) {
      int colon = userColonPassword.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--user must be USER:PASS");
      }
      return new User(
          userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
    }

    @Override
    public String toString() {
      return name + ":***";
    }
  }

  /**
   * The standalone server's settings: the command line {@link #SYNOPSIS} as a value, built by
   * {@link #parse(List)} and mapped onto {@link FakeRegistry.Builder} by {@link
   * #applyTo(FakeRegistry.Builder)}. Immutable and thread-safe.
   */
  public static final class Options {
    private final int port;
    private final InetAddress address;
    private final AuthMode auth;
    private final List<User> users;
    private final boolean tls;
    private final boolean referrers;
    private final boolean readOnly;
    private final Duration uploadExpiry;
    private final int journalLimit;
    private final @Nullable Path storage;

    private Options(
        int port,
        InetAddress address,
        AuthMode auth,
        List<User> users,
        boolean tls,
        boolean referrers,
        boolean readOnly,
        Duration uploadExpiry,
        int journalLimit,
        @Nullable Path storage) {
      this.address = Objects.requireNonNull(address, "address");
      this.auth = Objects.requireNonNull(auth, "auth");
      this.uploadExpiry = Objects.requireNonNull(uploadExpiry, "uploadExpiry");
      this.users = List.copyOf(users);
      this.port = port;
      this.tls = tls;
      this.referrers = referrers;
      this.readOnly = readOnly;
      this.journalLimit = journalLimit;
      this.storage = storage;
      if (uploadExpiry.isNegative()) {
        throw new IllegalArgumentException("--upload-expiry must not be negative");
      }
      if (journalLimit < 0) {
        throw new IllegalArgumentException("--journal-limit must not be negative: " + journalLimit);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port out of range: " + port);
      }
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "--address must be a loopback address (the fake is for local testing): "
                + address.getHostAddress());
      }
      if (auth != AuthMode.NONE && users.isEmpty()) {
        throw new IllegalArgumentException(
            "--auth " + authName(auth) + " needs --user USER:PASS (at least one)");
      }
    }

    /**
     * @return the port, 0 for any free one (default 5000)
     */
    public int port() {
      return port;
    }

    /**
     * @return the loopback address to bind (default 127.0.0.1), also the host name in URLs
     */
    public InetAddress address() {
      return address;
    }

    /**
     * @return how clients authenticate (default none)
     */
    public AuthMode auth() {
      return auth;
    }

    /**
     * @return the accounts; at least one unless {@code auth} is none
     */
    public List<User> users() {
      return users;
    }

    /**
     * @return whether HTTPS is served with a generated certificate
     */
    public boolean tls() {
      return tls;
    }

    /**
     * @return whether the referrers API is served ({@code --no-referrers} turns it off)
     */
    public boolean referrers() {
      return referrers;
    }

    /**
     * @return whether every write is refused
     */
    public boolean readOnly() {
      return readOnly;
    }

    /**
     * @return how long an upload session may stay untouched (default one hour; zero for never)
     */
    public Duration uploadExpiry() {
      return uploadExpiry;
    }

    /**
     * @return the most requests the journal keeps (default 10,000; 0 for all)
     */
    public int journalLimit() {
      return journalLimit;
    }

    /**
     * @return the directory blobs are kept in ({@code --storage DIR}); empty for the heap
     */
    public Optional<Path> storage() {
      return Optional.ofNullable(storage);
    }

    /**
     * Configures {@code builder} with these options: each is the builder method of the same name.
     *
     * @param builder a fresh builder
     * @return the builder
     */
    public FakeRegistry.Builder applyTo(FakeRegistry.Builder builder) {
      builder
          .address(address)
          .hostName(address.getHostAddress())
          .port(port)
          .auth(auth)
          .tls(tls)
          .referrers(referrers)
          .readOnly(readOnly)
          .uploadExpiry(uploadExpiry)
          .journalLimit(journalLimit);
      for (User user : users) {
        builder.user(user.name(), user.password());
      }
      if (storage != null) {
        builder.storage(storage);
      }
      return builder;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Options other
          && port == other.port
          && address.equals(other.address)
          && auth == other.auth
          && users.equals(other.users)
          && tls == other.tls
          && referrers == other.referrers
          && readOnly == other.readOnly
          && uploadExpiry.equals(other.uploadExpiry)
          && journalLimit == other.journalLimit
          && Objects.equals(storage, other.storage);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          port,
          address,
          auth,
          users,
          tls,
          referrers,
          readOnly,
          uploadExpiry,
          journalLimit,
          storage);
    }

    /** The options; passwords show as {@code ***} (see {@link User#toString()}). */
    @Override
    public String toString() {
      return "Options[port="
          + port
          + ", address="
          + address.getHostAddress()
          + ", auth="
          + authName(auth)
          + ", users="
          + users
          + ", tls="
          + tls
          + ", referrers="
          + referrers
          + ", readOnly="
          + readOnly
          + ", uploadExpiry="
          + uploadExpiry
          + ", journalLimit="
          + journalLimit
          + ", storage="
          + storage
          + "]";
    }

    /**
     * The defaults: port 5000 on 127.0.0.1, no auth, plain HTTP, referrers API on, writable.
     *
     * @return the default options
     */
    public static Options defaults() {
      return parse(List.of());
    }

    /**
     * Parses a command line of the options in {@link #SYNOPSIS}; each option with a value takes it
     * as the next argument or after {@code =} ({@code --port=0}); {@code --user} may repeat, the
     * others' last occurrence wins.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown option, a missing or malformed value, or an
     *     invalid combination; the message never contains a password
     */
    public static Options parse(List<String> args) {
      int port = 5000;
      String address = "127.0.0.1";
      AuthMode auth = AuthMode.NONE;
      List<User> users = new ArrayList<>();
      boolean tls = false;
      boolean referrers = true;
      boolean readOnly = false;
      Duration uploadExpiry = Duration.ofHours(1);
      int journalLimit = 10_000;
      Path storage = null;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        Optional<String> inline = Optional.empty();
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
          inline = Optional.of(arg.substring(eq + 1));
          arg = arg.substring(0, eq);
        }
        switch (arg) {
          case "--port":
          case "--address":
          case "--auth":
          case "--user":
          case "--upload-expiry":
          case "--journal-limit":
          case "--storage":
            String value;
            if (inline.isPresent()) {
              value = inline.get();
            } else if (i + 1 < args.size()) {
              value = args.get(++i);
            } else {
              throw new IllegalArgumentException(arg + " needs a value");
            }
            if (arg.equals("--port")) {
              port = port(value);
            } else if (arg.equals("--address")) {
              address = value;
            } else if (arg.equals("--auth")) {
              auth = auth(value);
            } else if (arg.equals("--upload-expiry")) {
              uploadExpiry = duration(arg, value);
            } else if (arg.equals("--journal-limit")) {
              journalLimit = count(arg, value);
            } else if (arg.equals("--storage")) {
              storage = directory(value);
            } else {
              users.add(User.parse(value));
            }
            break;
          case "--tls":
          case "--no-referrers":
          case "--read-only":
            if (inline.isPresent()) {
              throw new IllegalArgumentException(arg + " takes no value");
            }
            tls |= arg.equals("--tls");
            referrers &= !arg.equals("--no-referrers");
            readOnly |= arg.equals("--read-only");
            break;
          default:
            throw new IllegalArgumentException("unknown option: " + printable(arg));
        }
      }
      return new Options(
          port,
          resolve(address),
          auth,
          users,
          tls,
          referrers,
          readOnly,
          uploadExpiry,
          journalLimit,
          storage);
    }

    /** A duration as {@code 90s}, {@code 15m} or {@code 2h}; {@code 0} alone is zero. */
    private static Duration duration(String option, String value) {
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      if (value.length() >= 2 && value.length() <= 10) {
        char unit = value.charAt(value.length() - 1);
        String digits = value.substring(0, value.length() - 1);
        if (digits.chars().allMatch(Character::isDigit)) {
          long n = Long.parseLong(digits);
          switch (unit) {
            case 's':
              return Duration.ofSeconds(n);
            case 'm':
              return Duration.ofMinutes(n);
            case 'h':
              return Duration.ofHours(n);
            default:
              break;
          }
        }
      }
      throw new IllegalArgumentException(
          option + " needs a duration such as 90s, 15m or 2h: " + printable(value));
    }

    private static Path directory(String value) {
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("--storage needs a directory: " + printable(value));
      }
    }

    private static int count(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          option + " needs a number of 0 or more: " + printable(value));
    }

    private static int port(String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--port needs a number: " + printable(value));
      }
    }

    private static AuthMode auth(String mode) {
      for (AuthMode candidate : AuthMode.values()) {
        if (authName(candidate).equals(mode)) {
          return candidate;
        }
      }
      throw new IllegalArgumentException("--auth must be none, basic or token: " + printable(mode));
    }

    private static InetAddress resolve(String address) {
      try {
        return InetAddress.getByName(address);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown --address: " + printable(address));
      }
    }

    private static String printable(String s) {
      String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
      return cut.replaceAll("\\p{Cntrl}", "?");
    }
  }

  /**
   * Runs the registry until SIGINT/SIGTERM. Exit code 2 with the usage on invalid options.
   *
   * @param args the command line
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    // Jetty logs through SLF4J, and the standalone jar bundles no SLF4J backend on purpose (the
    // fake prints its own one line per request): without this, SLF4J's "no providers" notice
    // would be the first thing a user sees. It only silences SLF4J's reports about itself; a
    // backend put on the class path still logs. A verbosity the user set wins.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      System.out.println(usage());
      return;
    }
    Options options;
    try {
      options = Options.parse(list);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    serve(options, System.out);
  }

  /**
   * Starts the registry, serves it until the JVM shuts down (SIGINT, SIGTERM, {@code System.exit})
   * and then closes it. Prints what {@link #start(Options, PrintStream)} prints, and a last line
   * when stopped.
   *
   * @param options the settings
   * @param log where to print the address, CA path and one line per request
   * @throws IOException if it cannot start
   * @throws InterruptedException if this thread is interrupted while serving (the registry keeps
   *     serving until shutdown)
   */
  public static void serve(Options options, PrintStream log)
      throws IOException, InterruptedException {
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
                    log.println("registrykit fake registry stopped");
                    log.flush();
                  }
                  stopped.countDown();
                },
                "registrykit-shutdown"));
    running.set(start(options, log));
    stopped.await();
  }

  /**
   * Starts the registry and prints where it listens (and, with TLS, where the CA certificate was
   * written); afterwards one line per request. Passwords are never printed.
   *
   * @param options the settings
   * @param log where to print; must be thread-safe (requests are logged from serving threads)
   * @return the running registry; the caller closes it
   * @throws IOException if the port cannot be bound or the CA certificate not written
   */
  public static FakeRegistry start(Options options, PrintStream log) throws IOException {
    FakeRegistry.Builder builder =
        options.applyTo(FakeRegistry.builder()).listener(e -> log.println(Instant.now() + " " + e));
    FakeRegistry registry = builder.start();
    try {
      log.println(
          "registrykit fake registry listening on "
              + registry.baseUri()
              + " (images: "
              + registry.host()
              + "/NAME, auth "
              + authName(options.auth())
              + (options.referrers() ? "" : ", no referrers API")
              + (options.readOnly() ? ", read-only" : "")
              + options.storage().map(d -> ", blobs in " + d).orElse("")
              + ")");
      if (options.tls()) {
        Path dir = Files.createTempDirectory("registrykit-ca-");
        Path ca = registry.writeCaCertificate(dir);
        // The CA is only valid while this process serves; deleteOnExit runs in reverse order of
        // registration, so the file goes before its directory.
        dir.toFile().deleteOnExit();
        ca.toFile().deleteOnExit();
        log.println("CA certificate written to " + ca + " (skopeo: --cert-dir " + dir + ")");
      }
      log.flush();
      return registry;
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  /** The {@code --auth} value of a mode: its name in lower case. */
  private static String authName(AuthMode auth) {
    return auth.name().toLowerCase(Locale.ROOT);
  }

  static String usage() {
    return "usage: java -jar registry-testkit-standalone.jar " + SYNOPSIS;
  }
}
