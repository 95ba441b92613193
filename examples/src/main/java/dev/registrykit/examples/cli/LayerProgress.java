package dev.registrykit.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line per blob, like {@code docker push} and {@code docker pull} print them.
 *
 * <p>On a terminal each blob's line is redrawn in place with a progress bar ({@code 0b83d017db6e:
 * Pushing [=====> ] 1.2MB/3.4MB}); otherwise (a pipe, a file, a CI log) only the final line of each
 * blob is printed ({@code 0b83d017db6e: Pushed}), once. Nothing is printed with {@code --quiet}.
 * Thread-safe: blobs move in parallel.
 */
final class LayerProgress {
  private static final int BAR = 50;

  private final Console console;
  // id → current line; insertion order is screen order on a terminal
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final Map<String, Integer> drawnBars = new LinkedHashMap<>();
  private final List<String> drawn = new ArrayList<>();

  LayerProgress(Console console) {
    this.console = Objects.requireNonNull(console, "console");
  }

  /** The short id {@code docker} shows for a blob: the first 12 hex digits of its digest. */
  static String shortId(String digest) {
    int colon = digest.indexOf(':');
    String hex = colon < 0 ? digest : digest.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** Announces a blob ({@code Preparing}, {@code Waiting}); shown on a terminal only. */
  synchronized void state(String id, String state) {
    if (console.quiet() || !console.terminal()) {
      return;
    }
    update(id, id + ": " + state);
  }

  /** Bytes moved so far; shown as a bar on a terminal only, redrawn when the bar changes. */
  synchronized void advance(String id, String verb, long done, long total) {
    if (console.quiet() || !console.terminal()) {
      return;
    }
    int filled = total > 0 ? (int) Math.min(BAR, done * BAR / total) : 0;
    Integer last = drawnBars.get(id);
    if (last != null && last == filled && done < total) {
      return;
    }
    drawnBars.put(id, filled);
    update(id, id + ": " + verb + " " + bar(done, total));
  }

  /** The final state of a blob ({@code Pushed}, {@code Mounted from library/alpine}, …). */
  synchronized void done(String id, String state) {
    if (console.quiet()) {
      return;
    }
    if (console.terminal()) {
      update(id, id + ": " + state);
    } else {
      console.out().println(id + ": " + state);
    }
  }

  static String bar(long done, long total) {
    if (total <= 0) {
      return HumanSize.of(done, 4);
    }
    int filled = (int) Math.min(BAR, done * BAR / total);
    StringBuilder b = new StringBuilder("[");
    b.append("=".repeat(Math.max(0, filled - 1)));
    if (filled > 0) {
      b.append('>');
    }
    b.append(" ".repeat(BAR - filled)).append("]  ");
    b.append(HumanSize.of(done, 4)).append('/').append(HumanSize.of(total, 4));
    return b.toString();
  }

  // Terminal only: append a new line at the bottom, or move the cursor up to the blob's line,
  // rewrite it, and move back down (the same ANSI sequences docker's jsonmessage uses).
  private void update(String id, String line) {
    int index = drawn.indexOf(id);
    var out = console.out();
    if (index < 0) {
      drawn.add(id);
      lines.put(id, line);
      out.print(line + "\n");
    } else {
      lines.put(id, line);
      int up = drawn.size() - index;
      out.print("\033[" + up + "A\r\033[2K" + line + "\r\033[" + up + "B");
    }
    out.flush();
  }
}
