/**
 * A local cache of built layers keyed by their inputs, so an incremental build rebuilds only the
 * layers whose files changed ({@link dev.registrykit.core.layercache.LayerCache}).
 *
 * <p>A layer is found by its {@linkplain dev.registrykit.core.build.LayerBuilder#inputFingerprint()
 * input fingerprint} (target paths, sizes, modification times, executable bits and rules); what is
 * stored is the layer's blob, named by its digest, and a small record of its digest, size, diff ID
 * and media type. A blob found in the cache is hashed again before it is used, so a damaged cache
 * costs a rebuild, never a wrong image.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.layercache;
