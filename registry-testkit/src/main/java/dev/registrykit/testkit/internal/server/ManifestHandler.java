package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredContent;
import dev.registrykit.testkit.internal.storage.StoredManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Manifests: end-3 ({@code GET}/{@code HEAD} by tag or digest, with {@code Accept} negotiation),
 * end-7a/b ({@code PUT}, optionally with several {@code ?tag=}) and end-9 ({@code DELETE} a tag or
 * a manifest).
 *
 * <p>A {@code PUT} stores the exact bytes with the pushed {@code Content-Type}, verifies a digest
 * reference, and checks that an image manifest's config and layers exist as blobs and an index's
 * children as manifests in the repository ({@code MANIFEST_BLOB_UNKNOWN} otherwise; the spec allows
 * this and Distribution does it). A {@code subject} is answered with {@code OCI-Subject} when the
 * referrers API is on.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests">Pushing
 *     manifests</a>
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">Pulling
 *     manifests</a>
 */
final class ManifestHandler implements Handler {
  /** The spec asks registries to accept at least 4 MiB; larger manifests get 413. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private final RegistryStorage storage;
  private final boolean referrers;

  ManifestHandler(RegistryStorage storage, boolean referrers) {
    this.storage = storage;
    this.referrers = referrers;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    switch (call.route().method()) {
      case "PUT":
        return put(call);
      case "DELETE":
        return delete(call);
      default:
        return get(call);
    }
  }

  private Reply get(RoutedRequest call) {
    String reference = call.route().parameter();
    // A reference that is neither a tag nor a digest names no manifest: 404 MANIFEST_UNKNOWN, as
    // Distribution answers and the conformance suite expects (not 400).
    Optional<StoredManifest> found;
    if (reference.indexOf(':') >= 0) {
      found = Digest.tryParse(reference).flatMap(d -> storage.manifest(call.repo(), d));
    } else {
      found =
          RouteParser.validTag(reference)
              ? storage.manifestByTag(call.repo(), reference)
              : Optional.empty();
    }
    StoredManifest manifest = found.orElseThrow(() -> unknown(reference));
    List<String> accepted = accepted(call);
    if (!acceptable(accepted, manifest.mediaType())) {
      // What Distribution does when Accept excludes the stored type: it cannot convert, so 404.
      throw RegistryProblem.of(
          404,
          ErrorCode.MANIFEST_UNKNOWN,
          "manifest found, but the Accept header does not allow " + manifest.mediaType());
    }
    Reply reply = Reply.status(200).header("Docker-Content-Digest", manifest.digest().toString());
    if (call.route().method().equals("HEAD")) {
      return reply.headOf(manifest.content().size(), manifest.mediaType());
    }
    return reply.body(manifest.content(), manifest.mediaType());
  }

  private static List<String> accepted(RoutedRequest call) {
    List<String> types = new ArrayList<>();
    for (String value : call.headers().all("Accept")) {
      for (String part : value.split(",")) {
        String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.isEmpty()) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static boolean acceptable(List<String> accepted, String mediaType) {
    if (accepted.isEmpty()) {
      return true;
    }
    String type = mediaType.toLowerCase(Locale.ROOT);
    String major = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
    for (String a : accepted) {
      if (a.equals(type) || a.equals("*/*") || a.equals(major + "/*")) {
        return true;
      }
    }
    return false;
  }

  private static void requireTag(String tag) {
    if (!RouteParser.validTag(tag)) {
      throw RegistryProblem.of(
          400, ErrorCode.MANIFEST_INVALID, "invalid tag: " + Problems.shorten(tag));
    }
  }

  private Reply put(RoutedRequest call) {
    String reference = call.route().parameter();
    StoredContent content =
        StoredContent.of(
            call.body().readAll(MAX_MANIFEST_BYTES, ErrorCode.MANIFEST_INVALID, "manifest"));
    String mediaType =
        call.header("Content-Type")
            .map(t -> t.split(";")[0].trim())
            .filter(t -> !t.isEmpty())
            .orElseThrow(
                () ->
                    RegistryProblem.of(
                        400, ErrorCode.MANIFEST_INVALID, "Content-Type is required"));
    byte[] bytes = content.toByteArray();
    ManifestFacts facts =
        ManifestFacts.read(bytes)
            .orElseThrow(
                () ->
                    RegistryProblem.of(
                        400,
                        ErrorCode.MANIFEST_INVALID,
                        "manifest is not a JSON object with valid descriptors"));
    if (facts.mediaType().isPresent() && !facts.mediaType().get().equals(mediaType)) {
      throw RegistryProblem.of(
          400,
          ErrorCode.MANIFEST_INVALID,
          "mediaType " + facts.mediaType().get() + " differs from Content-Type " + mediaType);
    }
    List<String> tags = new ArrayList<>();
    Digest digest;
    if (reference.indexOf(':') >= 0) {
      Digest wanted = Problems.digest(reference);
      digest = content.digest(wanted.algorithm());
      if (!digest.equals(wanted)) {
        throw RegistryProblem.of(
            400,
            ErrorCode.DIGEST_INVALID,
            "manifest digest " + digest + " does not match " + wanted);
      }
      for (String tag : call.route().query().all("tag")) {
        requireTag(tag);
        tags.add(tag);
      }
    } else {
      requireTag(reference);
      tags.add(reference);
      digest = content.digest(DigestAlgorithm.SHA256);
    }
    List<RegistryProblem.Entry> missing = new ArrayList<>();
    for (String blob : facts.blobDigests()) {
      Optional<Digest> d = Digest.tryParse(blob);
      if (d.isEmpty()) {
        throw RegistryProblem.of(
            400,
            ErrorCode.MANIFEST_INVALID,
            "invalid digest in manifest: " + Problems.shorten(blob));
      }
      if (storage.blob(call.repo(), d.get()).isEmpty()) {
        missing.add(
            new RegistryProblem.Entry(
                ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob unknown to registry", blob));
      }
    }
    for (String child : facts.childDigests()) {
      Optional<Digest> d = Digest.tryParse(child);
      if (d.isEmpty()) {
        throw RegistryProblem.of(
            400, ErrorCode.MANIFEST_INVALID, "invalid digest in index: " + Problems.shorten(child));
      }
      if (storage.manifest(call.repo(), d.get()).isEmpty()) {
        missing.add(
            new RegistryProblem.Entry(
                ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest unknown to registry", child));
      }
    }
    if (!missing.isEmpty()) {
      throw new RegistryProblem(400, missing);
    }
    storage.putManifest(call.repo(), new StoredManifest(digest, mediaType, content), tags);
    Reply reply =
        Reply.status(201)
            .header("Location", Problems.manifestPath(call.repo(), digest))
            .header("Docker-Content-Digest", digest.toString());
    if (call.route().query().has("tag")) {
      for (String tag : tags) {
        reply.header("OCI-Tag", tag);
      }
    }
    if (referrers && facts.subjectDigest().isPresent()) {
      reply.header("OCI-Subject", facts.subjectDigest().get());
    }
    return reply;
  }

  private Reply delete(RoutedRequest call) {
    String reference = call.route().parameter();
    boolean deleted;
    if (reference.indexOf(':') >= 0) {
      deleted =
          Digest.tryParse(reference).map(d -> storage.deleteManifest(call.repo(), d)).orElse(false);
    } else {
      deleted = RouteParser.validTag(reference) && storage.deleteTag(call.repo(), reference);
    }
    if (!deleted) {
      throw unknown(reference);
    }
    return Reply.status(202);
  }

  private static RegistryProblem unknown(String reference) {
    return RegistryProblem.of(
        404,
        ErrorCode.MANIFEST_UNKNOWN,
        "manifest unknown to registry: " + Problems.shorten(reference));
  }
}
