package dev.registrykit.client.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
  /** A connection that delivers {@code bytes} of {@code blob} from {@code offset}, then breaks. */
  private static InputStream breakingAfter(byte[] blob, long offset, int bytes) {
    int end = (int) Math.min(blob.length, offset + bytes);
    InputStream part = new ByteArrayInputStream(Arrays.copyOfRange(blob, (int) offset, end));
    boolean complete = end == blob.length;
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = part.read(b, off, len);
        if (n < 0 && !complete) {
          throw new SocketException("Connection reset");
        }
        return n;
      }
    };
  }

  @Test
  void aConnectionBrokenEveryFewBytes_isGivenUpAfterMaxResumes_notResumedPerByte() {
    byte[] blob = new byte[100_000];
    int[] connections = {1};
    ResumingInputStream in =
        new ResumingInputStream(
            breakingAfter(blob, 0, 2),
            offset -> {
              connections[0]++;
              return breakingAfter(blob, offset, 2);
            },
            3,
            Progress.NONE);

    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
        .isInstanceOf(SocketException.class);
    assertThat(connections[0]).isEqualTo(4);
    assertThat(in.position()).isEqualTo(8);
  }

  @Test
  void aFlakyConnection_thatDeliversMegabytesBetweenFailures_isResumedAsOftenAsItNeeds()
      throws IOException {
    byte[] blob = new byte[10 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(blob);
    int chunk = (int) ResumingInputStream.MEANINGFUL_PROGRESS;
    ResumingInputStream in =
        new ResumingInputStream(
            breakingAfter(blob, 0, chunk),
            offset -> breakingAfter(blob, offset, chunk),
            1,
            Progress.NONE);

    assertThat(in.readAllBytes()).isEqualTo(blob);
  }
}
