package dev.registrykit.core.image;

import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe memoizer for a value whose computation may throw {@link IOException}. The value is
 * computed at most once on success; a failure is not cached, so a later call retries (a transient
 * read error must not poison a layer forever).
 */
final class IoLazy<T> {
  /** The computation. */
  @FunctionalInterface
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  private @Nullable IoSupplier<T> supplier;
  private volatile @Nullable T value;

  IoLazy(IoSupplier<T> supplier) {
    this.supplier = Objects.requireNonNull(supplier, "supplier");
  }

  static <T> IoLazy<T> of(IoSupplier<T> supplier) {
    return new IoLazy<>(supplier);
  }

  T get() throws IOException {
    T v = value;
    if (v != null) {
      return v;
    }
    synchronized (this) {
      v = value;
      if (v == null) {
        v = Objects.requireNonNull(Objects.requireNonNull(supplier).get(), "lazy value");
        value = v;
        supplier = null;
      }
      return v;
    }
  }
}
