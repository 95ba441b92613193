package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.Fault;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The injected faults and their remaining uses; thread-safe. */
final class FaultPlan {
  private record Active(Fault fault, AtomicInteger remaining) {}

  private final List<Active> active = new CopyOnWriteArrayList<>();

  void add(Fault fault) {
    active.add(new Active(fault, new AtomicInteger(fault.times())));
  }

  void clear() {
    active.clear();
  }

  /** Uses up and returns the first fault of one of {@code kinds} that matches the request. */
  Optional<Fault> take(Endpoint endpoint, Optional<String> repository, Set<Fault.Kind> kinds) {
    for (Active a : active) {
      if (!kinds.contains(a.fault().kind()) || !a.fault().matches(endpoint, repository)) {
        continue;
      }
      if (a.fault().times() == Integer.MAX_VALUE) {
        return Optional.of(a.fault());
      }
      int left;
      do {
        left = a.remaining().get();
      } while (left > 0 && !a.remaining().compareAndSet(left, left - 1));
      if (left > 0) {
        if (left == 1) {
          active.remove(a);
        }
        return Optional.of(a.fault());
      }
    }
    return Optional.empty();
  }

  /** The faults with uses left. */
  List<Fault> pending() {
    return active.stream().filter(a -> a.remaining().get() > 0).map(Active::fault).toList();
  }
}
