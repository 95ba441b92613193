package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.RecordedExchange;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A server's request journal: every exchange in arrival order, or, with a limit, the most recent
 * ones (a ring: the oldest entry goes when a new one would exceed it), so a long-running standalone
 * fake keeps bounded state. Thread-safe.
 */
final class Journal {
  private final int limit;
  private final ArrayDeque<RecordedExchange> entries = new ArrayDeque<>();

  /**
   * A journal.
   *
   * @param limit the most entries kept; {@code 0} for all of them
   */
  Journal(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("journal limit must not be negative: " + limit);
    }
    this.limit = limit;
  }

  synchronized void add(RecordedExchange exchange) {
    if (limit > 0 && entries.size() == limit) {
      entries.removeFirst();
    }
    entries.addLast(exchange);
  }

  synchronized List<RecordedExchange> entries() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
