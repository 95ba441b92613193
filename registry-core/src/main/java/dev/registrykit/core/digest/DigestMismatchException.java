package dev.registrykit.core.digest;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Content did not match what it claimed to be: its digest or its size differs from the expected
 * descriptor. An {@link IOException} because it surfaces while reading a stream; the content must
 * be discarded.
 */
public class DigestMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Digest expected;
  private final transient Optional<Digest> actual;
  private final long expectedSize;
  private final long actualSize;

  /**
   * Creates the exception.
   *
   * @param expected the digest the content should have had
   * @param actual the digest it had, or empty when the size check failed before hashing finished
   * @param expectedSize the size it should have had, or -1 when unknown
   * @param actualSize the number of bytes seen
   */
  public DigestMismatchException(
      Digest expected, Optional<Digest> actual, long expectedSize, long actualSize) {
    super(describe(expected, actual, expectedSize, actualSize));
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = Objects.requireNonNull(actual, "actual");
    this.expectedSize = expectedSize;
    this.actualSize = actualSize;
  }

  /** The digest the content should have had. */
  public Digest expected() {
    return expected;
  }

  /** The digest it had, when hashing completed. */
  public Optional<Digest> actual() {
    return actual == null ? Optional.empty() : actual;
  }

  /** The expected size, or -1 when no size was expected. */
  public long expectedSize() {
    return expectedSize;
  }

  /** The number of bytes actually seen. */
  public long actualSize() {
    return actualSize;
  }

  private static String describe(
      Digest expected, Optional<Digest> actual, long expectedSize, long actualSize) {
    if (expectedSize >= 0 && expectedSize != actualSize) {
      return "size mismatch for "
          + expected
          + ": expected "
          + expectedSize
          + " bytes, got "
          + (actualSize > expectedSize ? "more than " + expectedSize : String.valueOf(actualSize));
    }
    return "digest mismatch: expected "
        + expected
        + ", got "
        + actual.map(Digest::toString).orElse("unknown")
        + " ("
        + actualSize
        + " bytes)";
  }
}
