package dev.registrykit.testkit.internal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An open blob upload: its repository and the bytes received so far, in order.
 *
 * <p>Thread-safe: appends are serialized per session, and concurrent appends that would start at
 * the same offset are resolved by {@link #append(long, BlobContent)}: the loser sees a mismatch.
 * Chunks are kept as received (shared, never copied), so completing the upload costs no copy.
 */
public final class UploadSession {
  private final String id;
  private final String repository;
  private final List<BlobContent> chunks = new ArrayList<>();
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
   * @param chunk the bytes; shared, not copied
   * @return the new size, or {@code -1} if the offset did not match
   */
  public synchronized long append(long expectedOffset, BlobContent chunk) {
    if (expectedOffset >= 0 && expectedOffset != size) {
      return -1;
    }
    if (chunk.size() > 0) {
      chunks.add(chunk);
      size += chunk.size();
    }
    return size;
  }

  /**
   * The bytes received so far.
   *
   * @return the content
   */
  public synchronized BlobContent content() {
    return BlobContent.concat(chunks);
  }

  @Override
  public String toString() {
    return "UploadSession[" + id + " " + repository + "]";
  }
}
