package dev.registrykit.core.javaapp;

import dev.registrykit.core.build.BuiltLayer;
import java.util.Objects;

/**
 * One built layer of a {@link JavaApplication}.
 *
 * @param kind what the layer holds
 * @param layer the layer (its blob is in the layer cache)
 * @param reused whether the cache had it (its inputs were unchanged) rather than it being built now
 */
public record AppLayer(LayerKind kind, BuiltLayer layer, boolean reused) {
  /** Checks for nulls. */
  public AppLayer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(layer, "layer");
  }

  /** The history entry's {@code created_by} text, e.g. {@code registrykit: classes}. */
  public String createdBy() {
    return "registrykit: " + kind.label();
  }
}
