package dev.registrykit.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How skopeo reaches one side of a command: TLS verification, credentials and a CA directory.
 * Turned into {@code --tls-verify}/{@code --creds}/{@code --cert-dir} (or their {@code --src-} and
 * {@code --dest-} forms for {@code copy}).
 *
 * <p>Immutable. {@link #toString()} never shows the password.
 *
 * @param tlsVerify {@code --tls-verify=…}; empty adds no flag (local transports such as {@code
 *     oci:})
 * @param credentials {@code --creds}; empty adds no flag
 * @param certDirectory {@code --cert-dir}; a directory holding only CA {@code .crt} files
 */
public record SkopeoAccess(
    Optional<Boolean> tlsVerify,
    Optional<PeerCredentials> credentials,
    Optional<Path> certDirectory) {

  /** Checks for nulls. */
  public SkopeoAccess {
    Objects.requireNonNull(tlsVerify, "tlsVerify");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(certDirectory, "certDirectory");
  }

  /**
   * No flags: for local transports ({@code oci:}, {@code dir:}).
   *
   * @return the access
   */
  public static SkopeoAccess local() {
    return new SkopeoAccess(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A registry over plain HTTP: {@code --tls-verify=false} (skopeo needs it even for 127.0.0.1).
   *
   * @return the access
   */
  public static SkopeoAccess plainHttp() {
    return new SkopeoAccess(Optional.of(false), Optional.empty(), Optional.empty());
  }

  /**
   * A registry over HTTPS whose certificate is signed by the CA(s) in {@code certDirectory}.
   *
   * @param certDirectory a directory holding only CA {@code .crt} files
   * @return the access
   */
  public static SkopeoAccess https(Path certDirectory) {
    return new SkopeoAccess(Optional.of(true), Optional.empty(), Optional.of(certDirectory));
  }

  /**
   * How to reach {@code registry}: plain or HTTPS with its CA, and its first user's credentials if
   * it has basic auth.
   *
   * @param registry a running registry
   * @return the access
   */
  public static SkopeoAccess of(DistributionRegistry registry) {
    SkopeoAccess access =
        registry.tls().map(t -> https(t.certDirectory())).orElseGet(SkopeoAccess::plainHttp);
    return registry.credentials().map(access::withCredentials).orElse(access);
  }

  /**
   * The same access with credentials.
   *
   * @param user the credentials for {@code --creds}
   * @return a new access
   */
  public SkopeoAccess withCredentials(PeerCredentials user) {
    return new SkopeoAccess(tlsVerify, Optional.of(user), certDirectory);
  }

  /**
   * The same access without credentials (anonymous).
   *
   * @return a new access
   */
  public SkopeoAccess withoutCredentials() {
    return new SkopeoAccess(tlsVerify, Optional.empty(), certDirectory);
  }

  /** The flags, with {@code prefix} "" or "src-" or "dest-"; the password appears in clear. */
  List<String> flags(String prefix) {
    List<String> flags = new ArrayList<>();
    tlsVerify.ifPresent(v -> flags.add("--" + prefix + "tls-verify=" + v));
    certDirectory.ifPresent(d -> flags.add("--" + prefix + "cert-dir=" + d));
    credentials.ifPresent(c -> flags.add("--" + prefix + "creds=" + c.colonForm()));
    return flags;
  }

  @Override
  public String toString() {
    return "SkopeoAccess[tlsVerify="
        + tlsVerify.map(String::valueOf).orElse("-")
        + ", credentials="
        + credentials.map(c -> c.username() + ":***").orElse("-")
        + ", certDirectory="
        + certDirectory.map(Path::toString).orElse("-")
        + "]";
  }
}
