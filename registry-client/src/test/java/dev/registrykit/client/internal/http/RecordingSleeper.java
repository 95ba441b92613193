package dev.registrykit.client.internal.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Sleeper} that records the waits and returns at once, advancing a {@link MutableClock} if
 * given.
 */
final class RecordingSleeper implements Sleeper {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final MutableClock clock;

  RecordingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    if (clock != null) {
      clock.advance(duration);
    }
  }
}
