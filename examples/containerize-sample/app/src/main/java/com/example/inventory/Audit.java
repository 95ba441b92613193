package com.example.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A record of warehouse events. */
public final class Audit {
  private final Clock clock;
  private final List<String> entries = new ArrayList<>();

  public Audit(Clock clock) {
    this.clock = clock;
  }

  public void record(String event) {
    entries.add(Instant.now(clock) + " " + event);
  }

  public List<String> entries() {
    return List.copyOf(entries);
  }
}
