package dev.registrykit.client.registries;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code registries.conf} or {@code daemon.json} that cannot be used: the file and what is wrong
 * with it.
 */
public final class RegistriesConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  RegistriesConfigException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  /** The file. */
  public Path file() {
    return file;
  }
}
