package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * An open blob upload: its repository and the bytes received so far, in order, with their running
 * SHA-256 digest.
 *
 * <p>A request body streams straight into the session's storage ({@link #append}): heap chunks that
 * become the stored content as they are, or a file; it is read once and digested as it arrives, so
 * a 2 GiB upload costs 2 GiB of storage and no buffer on its way in, and completing the upload
 * needs no second pass over the bytes.
 *
 * <p>Thread-safe: appends are serialized per session and atomic: a body that fails half-way (the
 * client went away, or the length did not match) leaves the session as it was.
 */
public final class UploadSession {
  private final String id;
  private final String repository;
  private final SessionBytes bytes;
  private MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
  private long size;
  private Instant lastActive;

  UploadSession(String id, String repository, Instant now, SessionBytes bytes) {
    this.id = Objects.requireNonNull(id, "id");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.lastActive = now;
    this.bytes = bytes;
  }

  /** What {@link #append} did with a body. */
  public enum Outcome {
    /** The body was appended. */
    APPENDED,
    /** The body claimed to start elsewhere than the session's end; it was not read. */
    WRONG_OFFSET,
    /** The body held another number of bytes than expected; it was read and dropped. */
    WRONG_LENGTH
  }

  /**
   * The outcome of {@link #append}.
   *
   * @param outcome what happened
   * @param received the bytes the body held (counted even when dropped for its length)
   * @param size the session's size afterwards
   */
  public record Appended(Outcome outcome, long received, long size) {}

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

  /** When a request last touched this session. */
  synchronized Instant lastActive() {
    return lastActive;
  }

  /** Records that a request touched this session. */
  synchronized void touch(Instant now) {
    lastActive = now;
  }

  /**
   * Streams {@code body} to the end into the session if the session's size is {@code
   * expectedOffset}, and keeps it if it held {@code expectedLength} bytes.
   *
   * @param expectedOffset where the body claims to start; {@code -1} appends wherever the upload is
   * @param expectedLength how many bytes the body must hold; {@code -1} for any number
   * @param body the bytes; read to the end unless the offset does not match (then not read at all)
   * @param now the time of the request
   * @return what happened; the session is unchanged unless the body was appended
   * @throws IOException if reading fails; the session is unchanged
   * @throws HeapFullException if the body does not fit in the heap budget; the session is unchanged
   */
  public synchronized Appended append(
      long expectedOffset, long expectedLength, InputStream body, Instant now) throws IOException {
    lastActive = now;
    if (expectedOffset >= 0 && expectedOffset != size) {
      return new Appended(Outcome.WRONG_OFFSET, 0, size);
    }
    MessageDigest running = cloneOf(sha256);
    long count = bytes.read(body, expectedLength, running);
    if (expectedLength >= 0 && count != expectedLength) {
      bytes.abort();
      return new Appended(Outcome.WRONG_LENGTH, count, size);
    }
    bytes.commit();
    sha256 = running;
    size += count;
    return new Appended(Outcome.APPENDED, count, size);
  }

  /** Gives up the session's bytes: it was completed, cancelled or dropped. */
  synchronized void release() {
    bytes.release();
  }

  /**
   * The SHA-256 digest of the bytes received so far, from the running digest (no pass over them).
   *
   * @return the digest
   */
  public synchronized Digest sha256() {
    return Digest.fromHash(DigestAlgorithm.SHA256, cloneOf(sha256).digest());
  }

  /**
   * The bytes received so far; their SHA-256 digest is known without reading them.
   *
   * @return the content
   */
  public synchronized StoredContent content() throws IOException {
    return bytes.content(sha256());
  }

  private static MessageDigest cloneOf(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 digest is cloneable", e);
    }
  }

  @Override
  public String toString() {
    return "UploadSession[" + id + " " + repository + "]";
  }
}
