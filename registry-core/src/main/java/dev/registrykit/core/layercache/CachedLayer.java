package dev.registrykit.core.layercache;

import dev.registrykit.core.build.BuiltLayer;
import java.util.Objects;

/**
 * A layer from {@link LayerCache#layer}: the built layer, and whether it was reused from the cache
 * (its inputs had not changed) or written now.
 *
 * @param layer the layer, whose file lies in the cache
 * @param reused whether it came from the cache without being rebuilt
 */
public record CachedLayer(BuiltLayer layer, boolean reused) {
  /** Checks for null. */
  public CachedLayer {
    Objects.requireNonNull(layer, "layer");
  }
}
