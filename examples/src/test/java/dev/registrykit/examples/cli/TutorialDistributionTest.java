package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code registrykit tutorial --registry} against the real CNCF Distribution registry. */
@Timeout(120)
class TutorialDistributionTest {

  @Test
  void tutorial_realRegistry_sameStepsAndDigestsAsTheFake() throws Exception {
    Peers.requireDistribution();
    try (DistributionRegistry registry = DistributionRegistry.startPlain()) {
      String out =
          CliRun.of("tutorial", "--registry", registry.hostPort()).assertSuccess().stdout();

      assertThat(out)
          .contains("== 3. Push to a private registry (yours, at " + registry.hostPort() + ")");
      TutorialTest.checkPushAndPull(out, Pattern.quote(registry.hostPort()));
      String fake = CliRun.of("tutorial").assertSuccess().stdout();
      assertThat(TutorialTest.digests(out)).isEqualTo(TutorialTest.digests(fake));

      // A second run finds everything there already, as docker push does.
      String again =
          CliRun.of("tutorial", "--registry", registry.hostPort()).assertSuccess().stdout();
      assertThat(again).contains(": Layer already exists");
    }
  }
}
