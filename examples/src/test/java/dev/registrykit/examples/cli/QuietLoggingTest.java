package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line ships no logging backend, and neither does a plain application using the client:
 * SLF4J (under Apache HttpClient 5) must then print nothing, not its "no providers" notice.
 */
@Timeout(180)
class QuietLoggingTest {
  @Test
  void commandReachingTheNetwork_printsOnlyItsOwnError() throws IOException, InterruptedException {
    // Port 1 on loopback refuses: the client starts HttpClient (and SLF4J), then fails.
    ChildJvm.Result result =
        ChildJvm.run(RegistryKitCli.class, List.of("tags", "127.0.0.1:1/quiet/app"));

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("127.0.0.1:1").doesNotContain("SLF4J");
  }
}
