package dev.registrykit.testkit.internal.storage;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The sizes of the heap arrays an upload is read into, chosen for the JVM's garbage collector so
 * that stored content costs the heap what it holds.
 *
 * <p>Under G1 (the JVM's default) the chunks of a big upload survive young collections and are
 * copied into old regions; a chunk that does not fit in what is left of a region starts a new one,
 * and the rest of the old one stays empty. Chunks of 256 KiB plus their array header would fit
 * three to a 1 MiB region, leaving a quarter of the old generation empty: 1.33× the stored content
 * in heap, and since the {@link HeapBudget} counts array bytes, the heap could run out before the
 * budget refused an upload. Chunks of a quarter region less room for the header fill regions four
 * to one. Arrays above half a region ("humongous") are avoided: G1 checks whether to start a
 * concurrent marking cycle on every such allocation, which for a big upload is a marking cycle
 * every region.
 *
 * <p>Under another collector (or when the region size cannot be read) the largest chunk is 256 KiB.
 * Immutable.
 */
final class ChunkSizes {
  /** The largest chunk when the collector's regions are unknown. */
  static final int DEFAULT_MAX = 256 * 1024;

  /** The first chunk of a body of unknown length; chunks then double up to {@link #max()}. */
  static final int FIRST = 64 * 1024;

  /**
   * Room left in each quarter region for an array's header: 16 bytes with compressed class
   * pointers, 24 without (arrays are 8-byte aligned).
   */
  static final int HEADER_ROOM = 24;

  private final int max;

  private ChunkSizes(int max) {
    this.max = max;
  }

  /**
   * The sizes for G1 heap regions of {@code regionBytes}: chunks fill them four to one.
   *
   * @param regionBytes the region size, a power of two of at least 1 MiB
   * @return the sizes
   */
  static ChunkSizes forG1Regions(long regionBytes) {
    if (regionBytes < 1024 * 1024 || regionBytes > 512L * 1024 * 1024) {
      throw new IllegalArgumentException("not a G1 region size: " + regionBytes);
    }
    return new ChunkSizes((int) (regionBytes / 4) - HEADER_ROOM);
  }

  /** Chunks of at most {@value #DEFAULT_MAX} bytes, for collectors without regions. */
  static ChunkSizes ordinary() {
    return new ChunkSizes(DEFAULT_MAX);
  }

  /** The sizes for this JVM's collector. */
  static ChunkSizes ofThisJvm() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) {
        return forG1Regions(Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue()));
      }
    } catch (RuntimeException e) {
      // Not HotSpot, or an option it does not know: 256 KiB chunks suit any collector.
    }
    return ordinary();
  }

  /** The largest chunk. */
  int max() {
    return max;
  }

  /**
   * The size of the next chunk to read into.
   *
   * @param previous the size of the chunk read before, {@code 0} for the first
   * @param remaining the bytes still announced, {@code 0} when all were read (the end of the body
   *     remains to be seen), or {@code -1} when the length is unknown
   * @return the size, at most {@link #max()}
   */
  int next(int previous, long remaining) {
    if (remaining > 0) {
      return (int) Math.min(remaining, max);
    }
    if (previous == 0 || remaining == 0) {
      return Math.min(FIRST, max);
    }
    // Unknown length: chunks double while the body keeps coming.
    return Math.min(2 * previous, max);
  }
}
