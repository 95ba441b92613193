package dev.registrykit.core.build;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A layer written by {@link LayerBuilder}: its blob digest and size (of the bytes as written, i.e.
 * compressed), its diff ID (of the uncompressed tar) and media type, all computed in the writing
 * pass, and the file it was written to, if any.
 *
 * <p>Immutable and thread-safe. As a {@link Layer}, {@link #open()} streams the file, verified
 * against {@link #digest()} and {@link #size()}; it fails for a layer written to a caller's stream.
 *
 * @param digest the digest of the blob as written (the manifest's layer digest)
 * @param size the blob's size in bytes
 * @param diffId the digest of the uncompressed tar (the config's {@code rootfs.diff_ids} entry)
 * @param mediaType the OCI layer media type for the chosen compression
 * @param file where the blob was written, empty when it was written to a stream
 */
public record BuiltLayer(
    Digest digest, long size, Digest diffId, MediaType mediaType, Optional<Path> file)
    implements Layer {
  /** Validates the components. */
  public BuiltLayer {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(file, "file");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** The manifest descriptor of this layer. */
  @Override
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, size);
  }

  /**
   * Opens the written file, verified against the digest and size as it is read.
   *
   * @throws IOException when the layer was written to a stream (there is no file), or the file
   *     cannot be opened
   */
  @Override
  public InputStream open() throws IOException {
    Path path =
        file.orElseThrow(
            () ->
                new IOException(
                    "layer " + digest + " was written to a stream; there is no file to open"));
    return VerifyingInputStream.of(Files.newInputStream(path), digest, size);
  }
}
