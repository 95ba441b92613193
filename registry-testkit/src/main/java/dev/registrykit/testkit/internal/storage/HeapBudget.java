package dev.registrykit.testkit.internal.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of blob content the fake may keep in its heap, counted as uploads arrive: an upload
 * that would go over the budget is refused while the JVM still has room to answer, instead of
 * running the heap out (an {@code OutOfMemoryError} can strike any thread, the server's own
 * included, and leave connections without an answer). Thread-safe.
 */
final class HeapBudget {
  /** Held back from the budget for the server, its buffers and every request in flight. */
  private static final long MIN_HEADROOM = 24L * 1024 * 1024;

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  private HeapBudget(long limit) {
    this.limit = limit;
  }

  /** The budget of this JVM: its maximum heap less a third of it (at least 24 MiB) of headroom. */
  static HeapBudget ofThisJvm() {
    long max = Runtime.getRuntime().maxMemory();
    return new HeapBudget(Math.max(0, max - Math.max(MIN_HEADROOM, max / 3)));
  }

  /** Takes {@code bytes} from the budget if they fit. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Counts {@code bytes} that are held whatever the budget (content seeded directly). */
  void add(long bytes) {
    held.addAndGet(bytes);
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** The bytes still free. */
  long remaining() {
    return Math.max(0, limit - held.get());
  }

  void clear() {
    held.set(0);
  }

  /** Why {@code bytes} more do not fit. */
  String refusal(long bytes) {
    long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    return "the fake registry keeps blobs in its heap ("
        + maxMiB
        + " MiB, "
        + remaining() / (1024 * 1024)
        + " MiB free for content) and cannot hold "
        + bytes
        + " more bytes: run it with a larger -Xmx";
  }
}
