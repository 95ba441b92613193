package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.Repository;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one blob during a push: uploaded, found already present, or mounted from another
 * repository of the same registry — the per-layer lines {@code docker push} prints.
 *
 * @param digest the blob's digest
 * @param size the blob's size in bytes
 * @param outcome how the blob got to the registry
 * @param mountedFrom the repository it was mounted from, for {@link Outcome#MOUNTED} when known
 */
public record BlobResult(
    Digest digest, long size, Outcome outcome, Optional<Repository> mountedFrom) {
  /** How a blob got to the registry. */
  public enum Outcome {
    /** The bytes were uploaded. */
    PUSHED,
    /** The registry had the blob already; nothing was sent. */
    ALREADY_PRESENT,
    /** The registry linked the blob from another repository; nothing was sent. */
    MOUNTED
  }

  /** Validates the components. */
  public BlobResult {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(mountedFrom, "mountedFrom");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /**
   * One line as {@code docker push} prints it, e.g. {@code 4c1d2e3f4a5b: Mounted from
   * library/alpine}.
   */
  public String summary() {
    String id = digest.shortHex();
    switch (outcome) {
      case ALREADY_PRESENT:
        return id + ": Layer already exists";
      case MOUNTED:
        return id
            + ": Mounted from "
            + mountedFrom.map(Repository::path).orElse("another repository");
      default:
        return id + ": Pushed";
    }
  }
}
