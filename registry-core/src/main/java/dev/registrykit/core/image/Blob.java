package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content addressed by a descriptor: a config, a layer, any blob a manifest points at.
 *
 * <p>Implementations may be lazy (a file digested on first use, a blob fetched from a registry):
 * that is why every method may throw {@link IOException}. Implementations must be thread-safe and
 * must return the same descriptor on every call.
 */
public interface Blob {
  /**
   * The media type, digest and size of the content.
   *
   * @throws IOException when computing or fetching them fails
   */
  Descriptor descriptor() throws IOException;

  /**
   * A new stream over the content as stored (compressed, for compressed layers); the caller closes
   * it.
   *
   * @throws IOException when the content cannot be opened
   */
  InputStream open() throws IOException;

  /**
   * The digest of the content; {@code descriptor().digest()}.
   *
   * @throws IOException when computing it fails
   */
  default Digest digest() throws IOException {
    return descriptor().digest();
  }

  /**
   * The size of the content in bytes; {@code descriptor().size()}.
   *
   * @throws IOException when computing it fails
   */
  default long size() throws IOException {
    return descriptor().size();
  }

  /**
   * The media type; {@code descriptor().mediaType()}.
   *
   * @throws IOException when computing it fails
   */
  default MediaType mediaType() throws IOException {
    return descriptor().mediaType();
  }
}
