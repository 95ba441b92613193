package dev.registrykit.client.internal.http;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits between retries. A seam so that tests record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep}; an interrupt becomes {@link InterruptedIOException}. */
  Sleeper SYSTEM =
      duration -> {
        try {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          InterruptedIOException ioe =
              new InterruptedIOException("interrupted while waiting to retry");
          ioe.initCause(e);
          throw ioe;
        }
      };

  /** Blocks for {@code duration}. */
  void sleep(Duration duration) throws InterruptedIOException;
}
