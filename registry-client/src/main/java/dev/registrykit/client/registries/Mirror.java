package dev.registrykit.client.registries;

import java.util.Objects;

/**
 * One mirror of a registry, as a {@code [[registry.mirror]]} of {@code registries.conf}: where it
 * is ({@code host[:port][/namespace]}: the repository path is appended), whether it may be spoken
 * to over plain HTTP, and which pulls it serves. Mirrors never receive pushes.
 *
 * <p>Immutable.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/docs/containers-registries.conf.5.md">containers-registries.conf(5)</a>
 */
public final class Mirror {
  /** Which pulls a mirror serves ({@code pull-from-mirror}). */
  public enum PullFrom {
    /** By tag and by digest (the default). */
    ALL,
    /** By digest only: a tag's meaning comes from the primary registry. */
    DIGEST_ONLY,
    /** By tag only. */
    TAG_ONLY
  }

  private final String location;
  private final boolean insecure;
  private final PullFrom pullFrom;

  private Mirror(String location, boolean insecure, PullFrom pullFrom) {
    this.location = Location.check(location, "mirror location");
    this.insecure = insecure;
    this.pullFrom = Objects.requireNonNull(pullFrom, "pullFrom");
  }

  /**
   * A mirror at {@code location} ({@code mirror.gcr.io}, {@code cache.internal:5000/dockerhub})
   * serving every pull over HTTPS.
   */
  public static Mirror of(String location) {
    return new Mirror(location, false, PullFrom.ALL);
  }

  /** The same mirror, spoken to over plain HTTP (a pull-through cache on a trusted network). */
  public Mirror insecure() {
    return new Mirror(location, true, pullFrom);
  }

  /** The same mirror, serving only the pulls {@code pullFrom} names. */
  public Mirror pullFrom(PullFrom pullFrom) {
    return new Mirror(location, insecure, pullFrom);
  }

  /** {@code host[:port][/namespace]}. */
  public String location() {
    return location;
  }

  /** Whether it is spoken to over plain HTTP. */
  public boolean isInsecure() {
    return insecure;
  }

  /** Which pulls it serves. */
  public PullFrom pullFrom() {
    return pullFrom;
  }

  /** Whether it serves a pull by digest ({@code byDigest}) or by tag. */
  boolean serves(boolean byDigest) {
    return pullFrom == PullFrom.ALL
        || (byDigest ? pullFrom == PullFrom.DIGEST_ONLY : pullFrom == PullFrom.TAG_ONLY);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mirror
        && ((Mirror) o).location.equals(location)
        && ((Mirror) o).insecure == insecure
        && ((Mirror) o).pullFrom == pullFrom;
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, insecure, pullFrom);
  }

  /** {@code mirror.gcr.io (insecure, DIGEST_ONLY)}. */
  @Override
  public String toString() {
    return location
        + (insecure || pullFrom != PullFrom.ALL
            ? " ("
                + (insecure ? "insecure" : "")
                + (insecure && pullFrom != PullFrom.ALL ? ", " : "")
                + (pullFrom != PullFrom.ALL ? pullFrom : "")
                + ")"
            : "");
  }
}
