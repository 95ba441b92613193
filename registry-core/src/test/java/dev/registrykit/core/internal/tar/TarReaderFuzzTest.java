package dev.registrykit.core.internal.tar;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Arbitrary bytes either read as a tar archive or raise {@link TarFormatException}; nothing else
 * escapes and nothing hangs. The seed corpus under {@code TarReaderFuzzTestInputs/} runs in every
 * build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class TarReaderFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void read_arbitraryBytes_onlyThrowsTarFormatException(byte[] input) throws IOException {
    try (TarReader reader = new TarReader(new ByteArrayInputStream(input))) {
      byte[] buffer = new byte[4096];
      for (Optional<TarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
        TarPaths.safeRelative(entry.get().name());
        InputStream content = reader.content();
        while (content.read(buffer) >= 0) {
          // drain: content reads must stay within the entry and detect truncation
        }
      }
    } catch (TarFormatException expected) {
      // the one documented failure for malformed input
    }
  }
}
