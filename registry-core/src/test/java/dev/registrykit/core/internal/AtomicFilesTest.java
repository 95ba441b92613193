package dev.registrykit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void write_contentCompletes_replacesTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("index.json");
    Files.writeString(target, "old");

    AtomicFiles.write(target, temp -> Files.writeString(temp, "new"));

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(names()).containsExactly("index.json");
  }

  @Test
  void write_contentFails_targetUntouchedAndTemporaryFileDeleted() throws IOException {
    Path target = dir.resolve("index.json");
    Files.writeString(target, "old");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    temp -> {
                      Files.writeString(temp, "half");
                      throw new IOException("source broke");
                    }))
        .hasMessage("source broke");

    assertThat(Files.readString(target)).isEqualTo("old");
    assertThat(names()).containsExactly("index.json");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
