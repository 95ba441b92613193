package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TarPathsTest {

  @ParameterizedTest
  @CsvSource({
    "a,a",
    "./a//b/,a/b",
    "a/./b,a/b",
    "blobs/sha256/abc,blobs/sha256/abc",
    "a..b,a..b",
    "..a,..a"
  })
  void safeRelative_relativeNames_normalized(String name, String expected) {
    assertThat(TarPaths.safeRelative(name)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "/etc/passwd",
        "../x",
        "a/../../x",
        "a/..",
        "./",
        ".",
        "a\\..\\b",
        "C:/x",
        "a\0b"
      })
  void safeRelative_escapingOrEmptyNames_empty(String name) {
    assertThat(TarPaths.safeRelative(name)).isEqualTo(Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"./", ".", ".//./"})
  void entryName_rootDirectory_emptySoReadersSkipIt(String name) throws IOException {
    TarEntry root = new TarEntry(name, TarEntry.Type.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "");

    assertThat(TarPaths.entryName(root, IOException::new)).isEmpty();
  }

  @Test
  void entryName_safeName_normalized() throws IOException {
    assertThat(
            TarPaths.entryName(TarEntry.file("./blobs//sha256/abc", 1, 0644, 0), IOException::new))
        .contains("blobs/sha256/abc");
    assertThat(TarPaths.entryName(TarEntry.directory("./blobs", 0755, 0), IOException::new))
        .contains("blobs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/etc", "../x", "a/..", "..", "C:/x"})
  void entryName_escapingDirectory_throwsWithTheRawName(String name) {
    TarEntry entry = new TarEntry(name, TarEntry.Type.DIRECTORY, 0755, 0, 0, "", "", 0, 0, "");

    assertThatThrownBy(() -> TarPaths.entryName(entry, n -> new IOException("unsafe " + n)))
        .hasMessage("unsafe " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"./", ".", "../x", "/etc/passwd"})
  void entryName_fileNamingTheRootOrEscaping_throws(String name) {
    TarEntry entry = TarEntry.file(name, 0, 0644, 0);

    assertThatThrownBy(() -> TarPaths.entryName(entry, IOException::new))
        .isInstanceOf(IOException.class)
        .hasMessage(name);
  }
}
