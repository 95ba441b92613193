package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads golden files from {@code src/test/resources/dev/registrykit/core/manifest/}. */
final class Fixtures {
  private Fixtures() {}

  static Bytes load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return Bytes.readFrom(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
