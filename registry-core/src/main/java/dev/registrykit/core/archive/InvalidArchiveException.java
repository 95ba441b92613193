package dev.registrykit.core.archive;

import java.io.IOException;
import java.util.Objects;

/**
 * A {@code docker save} archive is malformed, unsafe or incomplete. An {@link IOException} because
 * it is discovered while reading the file; nothing from such an archive should be used.
 */
public class InvalidArchiveException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the archive was rejected. */
  public enum Reason {
    /** The file is not a tar, or {@code manifest.json} or a config is not of the expected shape. */
    MALFORMED,
    /** An entry name or a path in {@code manifest.json} is absolute or contains {@code ..}. */
    UNSAFE_PATH,
    /**
     * A link points outside the archive, at nothing or at another link; or an entry is a device or
     * FIFO.
     */
    LINK,
    /** {@code manifest.json} or a config is larger than the accepted maximum. */
    OVERSIZED_JSON,
    /** A file that {@code manifest.json} names is absent. */
    MISSING_FILE,
    /** No image in the archive has the requested tag. */
    NOT_FOUND
  }

  private final Reason reason;

  /** Creates the exception; {@code message} names the file or entry concerned. */
  public InvalidArchiveException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the archive was rejected. */
  public Reason reason() {
    return reason;
  }
}
