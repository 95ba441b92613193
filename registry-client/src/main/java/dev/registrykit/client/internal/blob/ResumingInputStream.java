package dev.registrykit.client.internal.blob;

import dev.registrykit.client.internal.http.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A blob body that survives a broken connection: when a read fails with an {@link IOException}, the
 * stream reopens the blob at the current position (the opener sends {@code Range: bytes=<pos>-},
 * spec "Pulling blobs") and carries on. Content verification happens outside, in a {@code
 * VerifyingInputStream} over this one, so a resumed body is checked end to end like any other.
 *
 * <p>Resumes after connection failures only ({@link Errors#isConnectionFailure}), and gives up,
 * with the last failure, after {@code maxResumes} consecutive connections that each delivered less
 * than {@value #MEANINGFUL_PROGRESS} bytes: a registry that breaks every connection after a byte or
 * two cannot keep the read going for as many connections as the blob has bytes, while a flaky
 * network that delivers megabytes between failures is resumed as often as it needs. Not
 * thread-safe.
 */
public final class ResumingInputStream extends InputStream {
  /** What a connection must deliver before it failed for its failure not to count. */
  static final long MEANINGFUL_PROGRESS = 1024 * 1024;

  private final Opener opener;
  private final int maxResumes;
  private final Progress progress;
  private InputStream current;
  private long position;
  private long openedAt;
  private int failuresWithoutProgress;
  private boolean closed;

  public ResumingInputStream(InputStream first, Opener opener, int maxResumes, Progress progress) {
    this.current = Objects.requireNonNull(first, "first");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.maxResumes = maxResumes;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    if (length == 0) {
      return 0;
    }
    while (true) {
      try {
        int n = current.read(buffer, offset, length);
        if (n > 0) {
          position += n;
          progress.bytesSoFar(position);
        }
        return n;
      } catch (IOException e) {
        if (position - openedAt >= MEANINGFUL_PROGRESS) {
          failuresWithoutProgress = 0;
        }
        if (!Errors.isConnectionFailure(e) || ++failuresWithoutProgress > maxResumes) {
          throw e;
        }
        closeQuietly(current);
        try {
          current = opener.open(position);
          openedAt = position;
        } catch (IOException reopen) {
          reopen.addSuppressed(e);
          throw reopen;
        }
      }
    }
  }

  /** Bytes delivered so far. */
  long position() {
    return position;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      current.close();
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The connection is already broken; nothing to release beyond what close attempted.
    }
  }
}
