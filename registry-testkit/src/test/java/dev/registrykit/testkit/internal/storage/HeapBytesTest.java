package dev.registrykit.testkit.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Upload bodies are read into chunks that fill G1's regions four to one once collections copy them
 * into the old generation, and that are never humongous (above half a region).
 */
class HeapBytesTest {
  private static final int MIB = 1024 * 1024;
  private static final int QUARTER = MIB / 4 - ChunkSizes.HEADER_ROOM;
  private static final ChunkSizes ONE_MIB_REGIONS = ChunkSizes.forG1Regions(MIB);

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** A stream that hands out at most 8 KiB per read, as a socket does. */
  private static InputStream trickling(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 8192));
      }
    };
  }

  /** Reads {@code body} into heap chunks and returns the lengths of the arrays that hold it. */
  private static List<Integer> chunkArrays(byte[] body, long declaredLength, ChunkSizes sizes)
      throws IOException {
    HeapBytes bytes = new HeapBytes(HeapBudget.ofThisJvm(), sizes);
    MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
    assertThat(bytes.read(trickling(body), declaredLength, digest)).isEqualTo((long) body.length);
    bytes.commit();
    Digest sha256 = Digest.fromHash(DigestAlgorithm.SHA256, digest.digest());
    BlobContent content = bytes.content(sha256);
    assertThat(content.toByteArray()).isEqualTo(body);
    assertThat(sha256).isEqualTo(Digest.of(DigestAlgorithm.SHA256, body));
    List<Integer> lengths = bytes.arrayLengths();
    bytes.release();
    return lengths;
  }

  @Test
  void aBigBodyOfUnknownLengthIsReadIntoQuarterRegionsAfterTwoSmallerChunks() throws IOException {
    List<Integer> arrays = chunkArrays(random(2 * MIB), -1, ONE_MIB_REGIONS);
    int tail = 2 * MIB - 64 * 1024 - 128 * 1024 - 7 * QUARTER;
    assertThat(arrays)
        .containsExactly(
            64 * 1024,
            128 * 1024,
            QUARTER,
            QUARTER,
            QUARTER,
            QUARTER,
            QUARTER,
            QUARTER,
            QUARTER,
            tail);
  }

  @Test
  void aBigBodyOfKnownLengthIsReadIntoQuarterRegionsFromTheStart() throws IOException {
    List<Integer> arrays = chunkArrays(random(MIB), MIB, ONE_MIB_REGIONS);
    assertThat(arrays).containsExactly(QUARTER, QUARTER, QUARTER, QUARTER, 4 * 24);
  }

  @Test
  void fourChunksAndTheirHeadersFillARegion() {
    for (long region = MIB; region <= 32 * MIB; region *= 2) {
      int max = ChunkSizes.forG1Regions(region).max();
      assertThat(4L * (max + ChunkSizes.HEADER_ROOM)).isEqualTo(region);
      assertThat(max % 8).isZero();
    }
  }

  @Test
  void aSmallBodyCostsWhatItHolds() throws IOException {
    assertThat(chunkArrays(random(1000), -1, ONE_MIB_REGIONS)).containsExactly(1000);
    assertThat(chunkArrays(random(1000), 1000, ONE_MIB_REGIONS)).containsExactly(1000);
  }

  @Test
  void otherCollectorsGetChunksOf256KiB() throws IOException {
    assertThat(chunkArrays(random(MIB), -1, ChunkSizes.ordinary()))
        .containsExactly(64 * 1024, 128 * 1024, 256 * 1024, 256 * 1024, 256 * 1024, 64 * 1024);
  }

  @Test
  void thisJvmsSizesFollowItsCollector() {
    HotSpotDiagnosticMXBean hotSpot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    ChunkSizes sizes = ChunkSizes.ofThisJvm();
    if (Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) {
      long region = Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
      assertThat(sizes.max()).isEqualTo(region / 4 - ChunkSizes.HEADER_ROOM);
    } else {
      assertThat(sizes.max()).isEqualTo(ChunkSizes.DEFAULT_MAX);
    }
  }
}
