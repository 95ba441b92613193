package dev.registrykit.core.manifest;

import dev.registrykit.core.manifest.InvalidManifestException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with a document, found deep inside the reader (often in a lambda). Unchecked so
 * that the reader's helpers stay plain functions; every public entry point of {@link ManifestCodec}
 * turns it into the checked {@link InvalidManifestException} before it leaves this package.
 */
final class ManifestProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Reason reason;
  private final @Nullable String path;
  private final String detail;

  ManifestProblem(Reason reason, @Nullable String path, String detail) {
    this(reason, path, detail, null);
  }

  ManifestProblem(Reason reason, @Nullable String path, String detail, @Nullable Throwable cause) {
    super(detail, cause, false, false);
    this.reason = reason;
    this.path = path;
    this.detail = detail;
  }

  InvalidManifestException checked() {
    return new InvalidManifestException(reason, path, detail, getCause());
  }
}
