package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Strict mode fails exactly the tests whose registry saw unexpected requests. */
@Timeout(120)
class FakeRegistryStrictTest {
  @Test
  void strictMode_failsTestsWithUnexpectedRequests_only() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(StrictModeScenarios.class))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    List<String> failed =
        summary.getFailures().stream()
            .map(f -> f.getTestIdentifier().getDisplayName())
            .sorted()
            .collect(Collectors.toList());
    assertThat(failed)
        .containsExactly("unknownRoute(FakeRegistry)", "unsupportedMethod(FakeRegistry)");
    assertThat(summary.getFailures())
        .allSatisfy(
            f ->
                assertThat(f.getException())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("unexpected request"));
  }
}
