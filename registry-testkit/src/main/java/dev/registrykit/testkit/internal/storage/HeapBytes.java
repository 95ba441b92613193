package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An upload's bytes in heap chunks, counted against the {@link HeapBudget}: a body is read straight
 * into new chunk arrays, sized for the collector ({@link ChunkSizes}), which become the stored
 * content as they are (no copy).
 */
final class HeapBytes implements SessionBytes {
  private final HeapBudget budget;
  private final ChunkSizes sizes;
  private final List<ByteBuffer> chunks = new ArrayList<>();
  private final List<ByteBuffer> pending = new ArrayList<>();

  /** Bytes of chunk arrays held in the budget, committed and pending. */
  private long reserved;

  private long pendingReserved;

  HeapBytes(HeapBudget budget, ChunkSizes sizes) {
    this.budget = budget;
    this.sizes = sizes;
  }

  @Override
  public long read(InputStream body, long expectedLength, MessageDigest digest) throws IOException {
    long count = 0;
    boolean done = false;
    try {
      int next = sizes.next(0, expectedLength);
      while (true) {
        if (!budget.tryReserve(next)) {
          throw new HeapFullException(budget.refusal(count + next));
        }
        pendingReserved += next;
        byte[] chunk = new byte[next];
        int filled = body.readNBytes(chunk, 0, chunk.length);
        if (filled > 0) {
          digest.update(chunk, 0, filled);
          byte[] stored = chunk;
          if (filled < chunk.length / 2) {
            // A mostly empty last chunk is copied to its size, so small bodies cost what they hold.
            stored = Arrays.copyOf(chunk, filled);
          }
          pending.add(ByteBuffer.wrap(stored, 0, filled));
          count += filled;
          budget.release(next - stored.length);
          pendingReserved -= next - stored.length;
        } else {
          budget.release(next);
          pendingReserved -= next;
        }
        if (filled < chunk.length) {
          break;
        }
        next = sizes.next(next, expectedLength < 0 ? -1 : expectedLength - count);
      }
      done = true;
      return count;
    } finally {
      if (!done) {
        abort();
      }
    }
  }

  @Override
  public void commit() {
    chunks.addAll(pending);
    pending.clear();
    reserved += pendingReserved;
    pendingReserved = 0;
  }

  @Override
  public void abort() {
    pending.clear();
    budget.release(pendingReserved);
    pendingReserved = 0;
  }

  /** The lengths of the arrays holding the committed bytes: what they cost the heap. */
  List<Integer> arrayLengths() {
    return chunks.stream().map(chunk -> chunk.array().length).toList();
  }

  @Override
  public BlobContent content(Digest sha256) {
    return BlobContent.adopt(chunks, sha256);
  }

  @Override
  public void release() {
    abort();
    budget.release(reserved);
    reserved = 0;
  }
}
