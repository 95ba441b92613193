package dev.registrykit.testkit.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open blob upload: its repository and the bytes received so far, in order.
 *
 * <p>Thread-safe: appends are serialized per session, and concurrent appends that would start at
 * the same offset are resolved by {@link #append(long, ByteBuffer)}: the loser sees a mismatch.
 */
public final class UploadSession {
  private final String id;
  private final String repository;
  private final List<ByteBuffer> segments = new ArrayList<>();
  private long size;

  UploadSession(String id, String repository) {
    this.id = Objects.requireNonNull(id, "id");
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /**
   * The session id (a UUID string built from a sequential number).
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The repository the upload belongs to.
   *
   * @return the repository name
   */
  public String repository() {
    return repository;
  }

  /**
   * The number of bytes received so far.
   *
   * @return the size
   */
  public synchronized long size() {
    return size;
  }

  /**
   * Appends {@code chunk} if it starts at {@code expectedOffset} (the current size).
   *
   * @param expectedOffset where the chunk claims to start; {@code -1} appends wherever the upload is
   * @param chunk the bytes; used without copying, must not be modified afterwards
   * @return the new size, or {@code -1} if the offset did not match
   */
  public synchronized long append(long expectedOffset, ByteBuffer chunk) {
    if (expectedOffset >= 0 && expectedOffset != size) {
      return -1;
    }
    if (chunk.hasRemaining()) {
      segments.add(chunk.asReadOnlyBuffer());
      size += chunk.remaining();
    }
    return size;
  }

  /**
   * The bytes received so far.
   *
   * @return the content
   */
  public synchronized BlobContent content() {
    return BlobContent.ofSegments(segments);
  }

  @Override
  public String toString() {
    return "UploadSession[" + id + " " + repository + "]";
  }
}
