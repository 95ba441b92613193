package dev.registrykit.client.referrers;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which referrers to follow: those of some artifact types (all when none is named), and whether to
 * look for cosign's tags as well as the referrers API. A referrer left out is not descended into.
 *
 * <p>Immutable.
 *
 * @param artifactTypes the artifact types to keep; empty keeps every type
 * @param cosignTags whether to look up {@code sha256-<hex>.sig}, {@code .att} and {@code .sbom}
 *     tags
 */
public record ReferrerFilter(Set<String> artifactTypes, boolean cosignTags) {
  /** Every referrer, cosign's tags included. */
  public static final ReferrerFilter ALL = new ReferrerFilter(Set.of(), true);

  /** Checks for nulls and copies the set. */
  public ReferrerFilter {
    artifactTypes = Set.copyOf(Objects.requireNonNull(artifactTypes, "artifactTypes"));
  }

  /**
   * Only referrers of these artifact types (cosign's tags still looked up, and kept by the same
   * rule).
   */
  public static ReferrerFilter artifactTypes(Collection<String> types) {
    return new ReferrerFilter(Set.copyOf(types), true);
  }

  /** The same filter without cosign's tags: the referrers API (or its fallback tag) only. */
  public ReferrerFilter withoutCosignTags() {
    return new ReferrerFilter(artifactTypes, false);
  }

  /** Whether a referrer of {@code artifactType} is kept. */
  public boolean accepts(String artifactType) {
    return artifactTypes.isEmpty() || artifactTypes.contains(artifactType);
  }
}
