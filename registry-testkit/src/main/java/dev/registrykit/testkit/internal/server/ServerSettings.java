package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.Grant;
import dev.registrykit.testkit.RecordedExchange;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link RegistryServer} is configured with; built by {@code FakeRegistry.Builder}.
 * Not a supported API.
 *
 * @param hostName the host name clients use (in {@code Location}, realm URLs and the certificate)
 * @param address the loopback address to bind
 * @param port the port, or 0 for any free port
 * @param tls whether to serve HTTPS with a generated certificate
 * @param referrers whether the referrers API is served (otherwise plain 404, like Distribution)
 * @param readOnly whether writes are refused ({@code 405 UNSUPPORTED})
 * @param auth the authentication mode
 * @param accounts users and their grants
 * @param anonymousPull repository patterns anyone may pull without credentials
 * @param tokenLifetime the lifetime of bearer tokens
 * @param refreshTokens whether the token endpoint issues refresh tokens for offline access
 * @param service the {@code service} named in bearer challenges
 * @param clock the clock tokens expire by
 * @param faults faults active from the start (and after each reset)
 * @param listener called with each journal entry (e.g. to log it)
 * @param uploadExpiry how long an upload session may stay untouched before it is dropped; zero for
 *     never
 * @param journalLimit the most journal entries kept (the oldest go first); zero for all
 * @param storageDirectory where uploaded blobs are kept on disk, or null to keep them in the heap
 */
public record ServerSettings(
    String hostName,
    InetAddress address,
    int port,
    boolean tls,
    boolean referrers,
    boolean readOnly,
    AuthMode auth,
    List<Account> accounts,
    List<Grant> anonymousPull,
    Duration tokenLifetime,
    boolean refreshTokens,
    String service,
    Clock clock,
    List<Fault> faults,
    Consumer<RecordedExchange> listener,
    Duration uploadExpiry,
    int journalLimit,
    @Nullable Path storageDirectory) {

  /** Copies the lists and checks for nulls. */
  public ServerSettings {
    Objects.requireNonNull(hostName, "hostName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(auth, "auth");
    accounts = List.copyOf(accounts);
    anonymousPull = List.copyOf(anonymousPull);
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(clock, "clock");
    faults = List.copyOf(faults);
    Objects.requireNonNull(listener, "listener");
    if (uploadExpiry.isNegative()) {
      throw new IllegalArgumentException("upload expiry must not be negative");
    }
    if (journalLimit < 0) {
      throw new IllegalArgumentException("journal limit must not be negative");
    }
  }

  /**
   * A user: name, password and grants (none means every permission on every repository).
   *
   * @param name the user name
   * @param password the password; never shown by {@link #toString()}
   * @param grants the grants
   */
  public record Account(String name, String password, List<Grant> grants) {
    /** Validates and copies. */
    public Account {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(password, "password");
      if (name.isEmpty() || name.indexOf(':') >= 0) {
        throw new IllegalArgumentException("user name must be non-empty and contain no ':'");
      }
      grants = grants.isEmpty() ? List.of(Grant.all()) : List.copyOf(grants);
    }

    /** The name and grants; never the password. */
    @Override
    public String toString() {
      return "Account[" + name + ", password=***, " + grants + "]";
    }
  }
}
