package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An error message quoting what a file or registry said is escaped before it reaches the terminal,
 * whichever layer built the message: here core's manifest reader quotes an invalid media type from
 * a layout's {@code index.json} as it is, and the command line's last step escapes it.
 */
class UntrustedErrorTextTest {
  @Test
  void errorQuotingFileContent_withTerminalControls_printedEscaped(@TempDir Path dir)
      throws Exception {
    Path layout = dir.resolve("layout");
    Files.createDirectories(layout);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.write(
        layout.resolve("index.json"),
        ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/x\\u001b[2J\\u0007\\u202e\",\"digest\":\"sha256:"
                + "0".repeat(64)
                + "\",\"size\":2}]}")
            .getBytes(StandardCharsets.UTF_8));

    CliRun run = CliRun.of("copy", "oci:" + layout + ":latest", "oci:" + dir.resolve("out") + ":x");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr()).doesNotContain("\u001b", "\u0007", "\u202e");
    assertThat(run.stderr()).contains("application/x\\x1B[2J\\x07\\u202E");
  }
}
