package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.ErrorCode;

/** Parsing helpers shared by handlers, throwing the spec's errors. */
final class Problems {
  private Problems() {}

  static Digest digest(String value) {
    return Digest.tryParse(value)
        .orElseThrow(
            () ->
                RegistryProblem.of(
                    400, ErrorCode.DIGEST_INVALID, "invalid digest: " + shorten(value)));
  }

  static String shorten(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "…";
  }

  static String blobPath(String repository, Digest digest) {
    return "/v2/" + repository + "/blobs/" + digest;
  }

  static String manifestPath(String repository, Digest digest) {
    return "/v2/" + repository + "/manifests/" + digest;
  }

  static String uploadPath(String repository, String id) {
    return "/v2/" + repository + "/blobs/uploads/" + id;
  }

  /** The {@code Range} header value of an upload holding {@code size} bytes. */
  static String uploadRange(long size) {
    return "0-" + Math.max(0, size - 1);
  }
}
