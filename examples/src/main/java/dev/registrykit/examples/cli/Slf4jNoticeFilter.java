package dev.registrykit.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drops the three {@code SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder"} lines
 * that Apache HttpClient's logging facade prints to standard error when no logging backend is on
 * the class path (the command line deliberately ships none). Every other line passes unchanged.
 */
final class Slf4jNoticeFilter extends OutputStream {
  private final OutputStream target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  Slf4jNoticeFilter(OutputStream target) {
    this.target = target;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    // A partial line that cannot be the notice yet ("SLF4J:" is 6 bytes) goes out now.
    if (line.size() >= 6 && !line.toString(StandardCharsets.UTF_8).startsWith("SLF4J:")) {
      flushLine();
    }
    target.flush();
  }

  private void flushLine() throws IOException {
    if (!line.toString(StandardCharsets.UTF_8).startsWith("SLF4J: ")) {
      line.writeTo(target);
    }
    line.reset();
  }
}
