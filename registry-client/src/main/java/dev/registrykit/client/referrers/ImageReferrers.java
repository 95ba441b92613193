package dev.registrykit.client.referrers;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lists what refers to an image, and copies an image together with it, as {@code regctl image copy
 * --referrers} and {@code oras cp -r} do.
 *
 * <p>Referrers are found through the referrers API where the registry has it, else its fallback tag
 * {@code sha256-<hex>}, and through cosign's tags {@code sha256-<hex>.sig}, {@code .att} and {@code
 * .sbom}; then, recursively, what refers to each of those. For an index, the referrers of each of
 * its manifests are included too (cosign signs platform images one by one). The walk stops at
 * {@value #MAX_REFERRERS} referrers or {@value #MAX_DEPTH} levels, and visits each manifest once.
 *
 * <p>A copy stores each referrer's manifest bytes unchanged, so digests are identical on both
 * sides; the destination client lists an OCI referrer the way the destination supports (its
 * referrers API records the {@code subject}; without one the fallback tag is updated), and a cosign
 * referrer is stored under the same tag, which names the same digest on both sides.
 */
public final class ImageReferrers {
  /**
   * The most referrers one walk collects: a bound on requests and memory for a hostile registry.
   */
  public static final int MAX_REFERRERS = 10_000;

  /** How deep the walk goes: a signature of an attestation of an SBOM is three levels. */
  public static final int MAX_DEPTH = 16;

  private static final List<String> COSIGN_SUFFIXES = List.of("sig", "att", "sbom");

  private ImageReferrers() {}

  /** An image copied with what refers to it. */
  public record CopyResult(PushResult image, List<Referrer> referrers) {
    /** Copies the list. */
    public CopyResult {
      Objects.requireNonNull(image, "image");
      referrers = List.copyOf(referrers);
    }

    /** How many referrers were copied, at every level. */
    public int referrerCount() {
      int count = 0;
      for (Referrer r : referrers) {
        count += r.flatten().size();
      }
      return count;
    }
  }

  /**
   * The referrers of {@code image} (a tag or a digest), as trees: the top level refers to the image
   * (or, for an index, to one of its manifests), each {@link Referrer#referrers()} to that
   * referrer.
   *
   * @throws ManifestNotFoundException when the image does not exist
   * @throws RegistryException when the walk exceeds {@link #MAX_REFERRERS}
   */
  public static List<Referrer> list(
      RegistryClient client, ImageReference image, ReferrerFilter filter) throws IOException {
    Objects.requireNonNull(filter, "filter");
    ManifestResponse top = client.getManifest(image);
    return new Walk(client, image.repository(), filter).subjects(top);
  }

  /**
   * Copies the image or index at {@code from} to {@code to} (see {@link Remote#copy(RegistryClient,
   * ImageReference, RegistryClient, ImageReference, TransferOptions)}), then every referrer {@code
   * filter} keeps, parents before what refers to them, into {@code to}'s repository. Blobs and
   * referrers the destination has are not transferred again.
   *
   * @param options for the image; referrers use the same parallelism, listener and mounts, but no
   *     tags (cosign referrers keep their own tag)
   */
  public static CopyResult copy(
      RegistryClient source,
      ImageReference from,
      RegistryClient target,
      ImageReference to,
      TransferOptions options,
      ReferrerFilter filter)
      throws IOException {
    Objects.requireNonNull(filter, "filter");
    List<Referrer> referrers = list(source, from, filter);
    PushResult image = Remote.copy(source, from, target, to, options);
    copyAll(source, from.repository(), target, to.repository(), referrers, options);
    return new CopyResult(image, referrers);
  }

  /**
   * Copies only the referrers of the image at {@code from} into {@code to}'s repository, for an
   * image copied already (by digest the same on both sides); see {@link #copy}.
   *
   * @return the referrers copied, as trees
   */
  public static List<Referrer> copyReferrers(
      RegistryClient source,
      ImageReference from,
      RegistryClient target,
      ImageReference to,
      TransferOptions options,
      ReferrerFilter filter)
      throws IOException {
    List<Referrer> referrers = list(source, from, filter);
    copyAll(source, from.repository(), target, to.repository(), referrers, options);
    return referrers;
  }

  private static void copyAll(
      RegistryClient source,
      Repository from,
      RegistryClient target,
      Repository to,
      List<Referrer> referrers,
      TransferOptions options)
      throws IOException {
    TransferOptions untagged = options.withAdditionalTags();
    for (Referrer root : referrers) {
      for (Referrer r : root.flatten()) {
        // A cosign referrer keeps its tag (it names the subject's digest, the same on both sides);
        // an OCI referrer is stored by digest and listed through its subject.
        ImageReference destination =
            r.cosignTag().isPresent()
                ? ImageReference.of(to, r.cosignTag().get())
                : ImageReference.of(to, r.digest());
        Optional<Descriptor> present = target.headManifest(destination);
        if (present.isPresent() && present.get().digest().equals(r.digest())) {
          continue; // there already (its fallback-tag entry was written when it was stored)
        }
        Remote.copy(source, ImageReference.of(from, r.digest()), target, destination, untagged);
      }
    }
  }

  /**
   * The tag cosign stores a {@code suffix} ({@code sig}, {@code att}, {@code sbom}) for {@code
   * subject} under.
   */
  public static Tag cosignTag(Digest subject, String suffix) {
    return Tag.parse(subject.algorithm().prefix() + "-" + subject.hex() + "." + suffix);
  }

  /** One walk: the visited set and the count bound every level shares. */
  private static final class Walk {
    private final RegistryClient client;
    private final Repository repository;
    private final ReferrerFilter filter;
    private final Set<Digest> visited = new HashSet<>();
    private int count;

    Walk(RegistryClient client, Repository repository, ReferrerFilter filter) {
      this.client = client;
      this.repository = repository;
      this.filter = filter;
    }

    List<Referrer> subjects(ManifestResponse top) throws IOException {
      visited.add(top.digest());
      List<Referrer> all = new ArrayList<>(referrersOf(top.digest(), 1));
      Manifest manifest = ManifestCodec.parse(top.manifest());
      if (manifest instanceof IndexManifest) {
        for (Descriptor child : ((IndexManifest) manifest).manifests()) {
          if (visited.add(child.digest())) {
            all.addAll(referrersOf(child.digest(), 1));
          }
        }
      }
      return all;
    }

    private List<Referrer> referrersOf(Digest subject, int depth) throws IOException {
      if (depth > MAX_DEPTH) {
        return List.of();
      }
      List<Referrer> found = new ArrayList<>();
      for (Descriptor d : client.referrers(repository, subject)) {
        if (!visited.add(d.digest())) {
          continue;
        }
        String artifactType =
            d.artifactType().isPresent()
                ? d.artifactType().get()
                : artifactTypeOf(fetch(ImageReference.of(repository, d.digest())));
        if (filter.accepts(artifactType)) {
          counted();
          found.add(
              new Referrer(
                  subject, d, artifactType, Optional.empty(), referrersOf(d.digest(), depth + 1)));
        }
      }
      if (filter.cosignTags()) {
        for (String suffix : COSIGN_SUFFIXES) {
          Tag tag = cosignTag(subject, suffix);
          Optional<Descriptor> head = client.headManifest(ImageReference.of(repository, tag));
          if (head.isEmpty() || !visited.add(head.get().digest())) {
            continue;
          }
          ManifestResponse response = fetch(ImageReference.of(repository, head.get().digest()));
          String artifactType = artifactTypeOf(response);
          if (filter.accepts(artifactType)) {
            counted();
            Descriptor d = response.manifest().descriptor();
            found.add(
                new Referrer(
                    subject,
                    d,
                    artifactType,
                    Optional.of(tag),
                    referrersOf(d.digest(), depth + 1)));
          }
        }
      }
      return found;
    }

    private ManifestResponse fetch(ImageReference reference) throws IOException {
      return client.getManifest(reference);
    }

    private void counted() throws RegistryException {
      if (++count > MAX_REFERRERS) {
        throw new RegistryException(
            "list referrers " + repository,
            "more than " + MAX_REFERRERS + " referrers; refusing to walk further");
      }
    }
  }

  /**
   * The artifact type the referrers API would report: {@code artifactType}, else the config's media
   * type.
   */
  static String artifactTypeOf(ManifestResponse response) throws IOException {
    RawManifest raw = response.manifest();
    Manifest manifest = ManifestCodec.parse(raw);
    if (manifest instanceof ImageManifest) {
      ImageManifest image = (ImageManifest) manifest;
      return image.artifactType().orElse(image.config().mediaType().value());
    }
    IndexManifest index = (IndexManifest) manifest;
    return index.artifactType().orElse(raw.mediaType().value());
  }
}
