package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TarPathsTest {

  @ParameterizedTest
  @CsvSource({"a,a", "./a//b/,a/b", "a/./b,a/b", "blobs/sha256/abc,blobs/sha256/abc", "a..b,a..b", "..a,..a"})
  void safeRelative_relativeNames_normalized(String name, String expected) {
    assertThat(TarPaths.safeRelative(name)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/etc/passwd", "../x", "a/../../x", "a/..", "./", ".", "a\\..\\b", "C:/x", "a\0b"})
  void safeRelative_escapingOrEmptyNames_empty(String name) {
    assertThat(TarPaths.safeRelative(name)).isEqualTo(Optional.empty());
  }
}
