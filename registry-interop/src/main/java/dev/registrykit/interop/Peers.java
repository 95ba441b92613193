package dev.registrykit.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real peer binaries and decides what a test does when they are missing.
 *
 * <p>The binaries are {@code /usr/bin/docker-registry} (override with the system property {@code
 * registrykit.peers.registry}) and {@code skopeo} on the {@code PATH} (override with {@code
 * registrykit.peers.skopeo}), and {@code htpasswd} for basic-auth registries. {@code
 * scripts/install-peers.sh}, which {@code scripts/test.sh} runs before Maven, installs all three.
 *
 * <p>Thread-safe; all methods are static.
 */
public final class Peers {

  private static final System.Logger LOG = System.getLogger(Peers.class.getName());

  private static final String INSTALL_HINT =
      "run `bash scripts/install-peers.sh` (as root; it apt-get installs docker-registry, skopeo,"
          + " apache2-utils and podman)";

  private static final String HTPASSWD = "htpasswd (apache2-utils)";

  private Peers() {}

  /**
   * The Distribution registry binary, if it exists and is executable.
   *
   * @return its path, or empty
   */
  public static Optional<Path> distributionBinary() {
    Path path =
        Path.of(System.getProperty("registrykit.peers.registry", "/usr/bin/docker-registry"));
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /**
   * The skopeo binary, if found on the {@code PATH} (or at the system property {@code
   * registrykit.peers.skopeo}).
   *
   * @return its path, or empty
   */
  public static Optional<Path> skopeoBinary() {
    String configured = System.getProperty("registrykit.peers.skopeo");
    if (configured != null) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return onPath("skopeo");
  }

  /**
   * Apache's {@code htpasswd} (Debian package {@code apache2-utils}), which writes the bcrypt
   * password file of a Distribution registry with basic auth; found on the {@code PATH} (or at the
   * system property {@code registrykit.peers.htpasswd}).
   *
   * @return its path, or empty
   */
  public static Optional<Path> htpasswdBinary() {
    String configured = System.getProperty("registrykit.peers.htpasswd");
    if (configured != null) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return onPath("htpasswd");
  }

  /**
   * Whether missing peers must fail tests instead of skipping them: under CI ({@code CI=true}, as
   * {@code .ci/run} sets it) or when {@code REGISTRYKIT_REQUIRE_PEERS=true}.
   *
   * @return true if interop tests may not be skipped
   */
  public static boolean mustNotSkip() {
    return isTrue(System.getenv("CI")) || isTrue(System.getenv("REGISTRYKIT_REQUIRE_PEERS"));
  }

  /**
   * Makes sure both the Distribution registry and skopeo are installed; call it first in every
   * interop test (e.g. in {@code @BeforeAll}).
   *
   * @throws IllegalStateException if a binary is missing and {@link #mustNotSkip()} holds; the
   *     message says to run {@code scripts/install-peers.sh}
   * @throws org.opentest4j.TestAbortedException if a binary is missing outside CI (the test is
   *     reported as skipped, and a warning is logged)
   */
  public static void requireInstalled() {
    List<String> missing = new ArrayList<>();
    if (distributionBinary().isEmpty()) {
      missing.add("docker-registry (/usr/bin/docker-registry)");
    }
    if (skopeoBinary().isEmpty()) {
      missing.add("skopeo");
    }
    if (htpasswdBinary().isEmpty()) {
      missing.add(HTPASSWD);
    }
    require(missing);
  }

  /**
   * Like {@link #requireInstalled()}, for tests that need only the Distribution registry.
   *
   * @throws IllegalStateException if it is missing under CI
   * @throws org.opentest4j.TestAbortedException if it is missing outside CI
   */
  public static void requireDistribution() {
    List<String> missing = new ArrayList<>();
    if (distributionBinary().isEmpty()) {
      missing.add("docker-registry (/usr/bin/docker-registry)");
    }
    if (htpasswdBinary().isEmpty()) {
      missing.add(HTPASSWD);
    }
    require(missing);
  }

  /**
   * The {@code podman} binary: {@code -Dregistrykit.peers.podman=/path}, else {@code podman} on the
   * {@code PATH}.
   *
   * @return its path, or empty when it is not installed
   */
  public static Optional<Path> podmanBinary() {
    String configured = System.getProperty("registrykit.peers.podman");
    if (configured != null) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return onPath("podman");
  }

  /**
   * Like {@link #requireInstalled()}, for tests that need podman.
   *
   * @throws IllegalStateException if it is missing under CI
   * @throws org.opentest4j.TestAbortedException if it is missing outside CI
   */
  public static void requirePodman() {
    require(podmanBinary().isEmpty() ? List.of("podman") : List.of());
  }

  /**
   * Like {@link #requireInstalled()}, for tests that need only skopeo.
   *
   * @throws IllegalStateException if it is missing under CI
   * @throws org.opentest4j.TestAbortedException if it is missing outside CI
   */
  public static void requireSkopeo() {
    require(skopeoBinary().isEmpty() ? List.of("skopeo") : List.of());
  }

  private static void require(List<String> missing) {
    if (missing.isEmpty()) {
      return;
    }
    String message = "Real peers missing: " + String.join(", ", missing) + "; " + INSTALL_HINT;
    if (mustNotSkip()) {
      throw new IllegalStateException(message + ". Interop tests are never skipped under CI.");
    }
    LOG.log(System.Logger.Level.WARNING, "SKIPPING interop test: " + message);
    Assumptions.abort("SKIPPED (not under CI): " + message);
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isTrue(String value) {
    return value != null && value.trim().toLowerCase(Locale.ROOT).equals("true");
  }
}
