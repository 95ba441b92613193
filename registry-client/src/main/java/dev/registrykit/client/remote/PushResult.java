package dev.registrykit.client.remote;

import dev.registrykit.client.BlobResult;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a push or copy did: per blob whether it was pushed, already present or mounted (and from
 * where), and the manifest's digest and size — what {@code docker push} prints.
 *
 * @param repository the repository pushed to
 * @param tags the tags the manifest was stored under (empty when pushed by digest only)
 * @param manifestDigest the digest of the manifest (or index) stored
 * @param manifestSize its size in bytes
 * @param mediaType its media type
 * @param blobs one entry per distinct blob, in manifest order (for an index: every child's blobs)
 * @param rateLimit the rate limit the registry pushed to announced last (Docker Hub's {@code
 *     RateLimit-*} headers), once the manifest was stored; empty when it announced none
 * @param sourceRateLimit for a copy, the rate limit the source (the registry or mirror that served
 *     the manifests) announced last: on Docker Hub, the pulls left; empty for a push
 */
public record PushResult(
    Repository repository,
    List<Tag> tags,
    Digest manifestDigest,
    long manifestSize,
    MediaType mediaType,
    List<BlobResult> blobs,
    Optional<RateLimit> rateLimit,
    Optional<RateLimit> sourceRateLimit) {
  /** Validates and copies the components. */
  public PushResult {
    Objects.requireNonNull(repository, "repository");
    tags = List.copyOf(tags);
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(mediaType, "mediaType");
    blobs = List.copyOf(blobs);
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(sourceRateLimit, "sourceRateLimit");
  }

  /** The blobs whose bytes were uploaded. */
  public List<BlobResult> pushed() {
    return blobs.stream().filter(b -> b.outcome() == BlobResult.Outcome.PUSHED).toList();
  }

  /** Bytes uploaded in total. */
  public long bytesPushed() {
    return pushed().stream().mapToLong(BlobResult::size).sum();
  }

  /**
   * The report as {@code docker push} prints it: one line per blob, then {@code <tag>: digest:
   * sha256:… size: N} per tag.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (BlobResult blob : blobs) {
      sb.append(blob.summary()).append('\n');
    }
    if (tags.isEmpty()) {
      sb.append("digest: ")
          .append(manifestDigest)
          .append(" size: ")
          .append(manifestSize)
          .append('\n');
    }
    for (Tag tag : tags) {
      sb.append(tag)
          .append(": digest: ")
          .append(manifestDigest)
          .append(" size: ")
          .append(manifestSize)
          .append('\n');
    }
    return sb.toString();
  }
}
