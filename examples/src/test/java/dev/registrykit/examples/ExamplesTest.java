package dev.registrykit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example's {@code main} so that none of them can rot. */
class ExamplesTest {

  @Test
  void parseAndNormalize_tutorialNames_printsFullForms() throws Exception {
    String out = captureOut(() -> ParseAndNormalize.main(new String[0]));

    assertThat(out)
        .contains("-> docker.io/library/alpine (registry docker.io, repository library/alpine, familiar alpine")
        .contains("-> docker.io/zavy86/figlet (registry docker.io, repository zavy86/figlet")
        .contains("-> localhost:5000/figlet (registry localhost:5000, repository figlet")
        .contains("pull registry.tld:1234/repository/image:latest");
  }

  @Test
  void parseAndNormalize_invalidName_reportedNotThrown() throws Exception {
    String out = captureOut(() -> ParseAndNormalize.main(new String[] {"UPPER"}));

    assertThat(out).startsWith("UPPER").contains("-> invalid: ").contains("lowercase");
  }

  /** The body of an example run. */
  interface Body {
    void run() throws Exception;
  }

  // Examples print to System.out, as a user's program would; tests in this class run one at a time.
  static String captureOut(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
