package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code rootfs} member of an image config: the digests of the <em>uncompressed</em> layers
 * ("diff IDs"), base layer first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type always {@code layers} in practice
 * @param diffIds the layer diff IDs, in layer order
 * @param unknownFields members not modelled here
 */
public record RootFs(String type, List<Digest> diffIds, UnknownFields unknownFields) {
  /** A {@code layers} root file system with no layers. */
  public static final RootFs EMPTY = of(List.of());

  /** Validates and copies the components. */
  public RootFs {
    Objects.requireNonNull(type, "type");
    diffIds = List.copyOf(diffIds);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** A {@code layers} root file system with {@code diffIds}. */
  public static RootFs of(List<Digest> diffIds) {
    return new RootFs("layers", diffIds, UnknownFields.EMPTY);
  }

  /** A copy with {@code diffId} appended. */
  public RootFs withAppendedDiffId(Digest diffId) {
    List<Digest> all = new ArrayList<>(diffIds);
    all.add(diffId);
    return new RootFs(type, all, unknownFields);
  }
}
