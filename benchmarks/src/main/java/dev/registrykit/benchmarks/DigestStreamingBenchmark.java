package dev.registrykit.benchmarks;

import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.DigestingInputStream;
import dev.registrykit.core.digest.SizedDigest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SHA-256 over the same 64 MiB: through {@link DigestingInputStream} (hash while copying) versus
 * raw {@link MessageDigest}, both as one {@code update} over the whole array and as the
 * hand-written read loop a caller would otherwise write. One operation hashes all 64 MiB; MB/s =
 * ops/s × 67.1.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DigestStreaming -f 1 -wi 3 -i 5 -w 1s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DigestStreamingBenchmark {
  static final int SIZE = 64 * 1024 * 1024;
  static final int BUFFER = 64 * 1024;

  private byte[] data;
  private byte[] buffer;

  @Setup
  public void createData() {
    data = new byte[SIZE];
    SplittableRandom random = new SplittableRandom(64);
    for (int i = 0; i < SIZE; i += 8) {
      long value = random.nextLong();
      for (int j = 0; j < 8; j++) {
        data[i + j] = (byte) (value >>> (8 * j));
      }
    }
    buffer = new byte[BUFFER];
  }

  /** The library: read the content through the digesting stream, as a copy would. */
  @Benchmark
  public SizedDigest digestingInputStream() throws IOException {
    DigestingInputStream in =
        new DigestingInputStream(new ByteArrayInputStream(data), DigestAlgorithm.SHA256);
    while (in.read(buffer, 0, BUFFER) >= 0) {
      // the bytes would be written somewhere; hashing happens in read
    }
    return in.result();
  }

  /**
   * Raw MessageDigest over the same bytes read from the same kind of stream (the hand-written
   * loop).
   */
  @Benchmark
  public byte[] messageDigestReadLoop() throws IOException {
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    InputStream in = new ByteArrayInputStream(data);
    for (int n; (n = in.read(buffer, 0, BUFFER)) >= 0; ) {
      md.update(buffer, 0, n);
    }
    return md.digest();
  }

  /** Raw MessageDigest, one update over the whole array: the upper bound, no copy at all. */
  @Benchmark
  public byte[] messageDigestWholeArray() {
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    md.update(data);
    return md.digest();
  }

  /** A buffer per thread, for the concurrent group. */
  @State(Scope.Thread)
  public static class ThreadBuffer {
    final byte[] buffer = new byte[BUFFER];
  }

  /*
   * The stream and the raw read loop run concurrently, one thread each, in one JMH group, so that
   * both see the same machine load at the same time (see ReferenceParsingBenchmark).
   */

  /**
   * {@link #digestingInputStream()}, concurrently with {@link #messageDigestReadLoopConcurrent}.
   */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public SizedDigest digestingInputStreamConcurrent(ThreadBuffer local) throws IOException {
    DigestingInputStream in =
        new DigestingInputStream(new ByteArrayInputStream(data), DigestAlgorithm.SHA256);
    while (in.read(local.buffer, 0, BUFFER) >= 0) {
      // hashing happens in read
    }
    return in.result();
  }

  /**
   * {@link #messageDigestReadLoop()}, concurrently with {@link #digestingInputStreamConcurrent}.
   */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public byte[] messageDigestReadLoopConcurrent(ThreadBuffer local) throws IOException {
    MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
    InputStream in = new ByteArrayInputStream(data);
    for (int n; (n = in.read(local.buffer, 0, BUFFER)) >= 0; ) {
      md.update(local.buffer, 0, n);
    }
    return md.digest();
  }
}
