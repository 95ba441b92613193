package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Where an upload session's bytes go: heap chunks ({@link HeapBytes}) or a file ({@link
 * FileBytes}). Called under the session's lock only.
 */
interface SessionBytes {
  /**
   * Reads {@code body} to its end after the bytes held, updating {@code digest} with each byte. The
   * bytes read are pending until {@link #commit()} or {@link #abort()}.
   *
   * @param expectedLength the body's announced length, {@code -1} when unknown (a sizing hint)
   * @return the number of bytes read
   * @throws IOException if reading or storing fails; nothing is then pending
   * @throws HeapFullException if the bytes do not fit; nothing is then pending
   */
  long read(InputStream body, long expectedLength, MessageDigest digest) throws IOException;

  /** Keeps the pending bytes. */
  void commit();

  /** Drops the pending bytes. */
  void abort();

  /**
   * The bytes held, as content.
   *
   * @param sha256 their SHA-256 digest
   */
  StoredContent content(Digest sha256) throws IOException;

  /** Gives up what is held (the session ended); content already taken stays valid. */
  void release();
}
