package dev.registrykit.core.layout;

import java.io.IOException;
import java.util.Objects;

/**
 * An OCI image layout (directory or tar) is malformed, unsafe or incomplete. An {@link IOException}
 * because it is discovered while reading files; nothing from such a layout should be used.
 */
public class InvalidLayoutException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the layout was rejected. */
  public enum Reason {
    /** No {@code oci-layout} file, an unsupported version, or no {@code index.json}. */
    NOT_A_LAYOUT,
    /** A file is not valid JSON of the expected shape, or the tar is malformed. */
    MALFORMED,
    /** A tar entry name is absolute or contains {@code ..}: it would escape the layout. */
    UNSAFE_PATH,
    /** A tar entry or blob file is a symbolic link, hard link or device. */
    LINK,
    /** A JSON document (index, manifest, config) is larger than the accepted maximum. */
    OVERSIZED_JSON,
    /** A blob that a manifest or the index refers to is absent. */
    MISSING_BLOB,
    /** No entry of the index has the requested reference name or digest. */
    NOT_FOUND
  }

  private final Reason reason;

  /** Creates the exception; {@code message} names the file or entry concerned. */
  public InvalidLayoutException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the layout was rejected. */
  public Reason reason() {
    return reason;
  }
}
