package dev.registrykit.client.referrers;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One manifest that refers to another, with what refers to it in turn.
 *
 * <p>Immutable.
 *
 * @param subject the digest of the manifest referred to
 * @param descriptor the referring manifest
 * @param artifactType its {@code artifactType}, or its config's media type when it has none (the
 *     rule the referrers API applies)
 * @param cosignTag the cosign tag it was found under ({@code sha256-<hex>.sig}); empty when it was
 *     found through the referrers API or its fallback tag
 * @param referrers what refers to this manifest, recursively
 */
public record Referrer(
    Digest subject,
    Descriptor descriptor,
    String artifactType,
    Optional<Tag> cosignTag,
    List<Referrer> referrers) {
  /** Checks for nulls and copies the list. */
  public Referrer {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(cosignTag, "cosignTag");
    referrers = List.copyOf(referrers);
  }

  /** The referring manifest's digest. */
  public Digest digest() {
    return descriptor.digest();
  }

  /** This referrer and every one below it, parents before children. */
  public List<Referrer> flatten() {
    List<Referrer> all = new ArrayList<>();
    all.add(this);
    for (Referrer child : referrers) {
      all.addAll(child.flatten());
    }
    return all;
  }
}
