package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.sync.RepositorySync;
import dev.registrykit.client.sync.RepositorySync.Outcome;
import dev.registrykit.client.sync.RepositorySync.TagResult;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.EndpointFamily;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-repository copies between two fakes: 50 tags, some sharing manifests; a tag filter; a run
 * interrupted by failures and resumed; a second run that moves no blob (checked in the journals).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RepositorySyncTest {
  private static final String REPO = "team/app";

  private FakeRegistry source;
  private FakeRegistry destination;
  private RegistryClient sourceClient;
  private RegistryClient destinationClient;
  private final Map<String, GeneratedImage> tagged = new TreeMap<>();

  @BeforeEach
  void start() throws IOException {
    source = FakeRegistry.start();
    destination = FakeRegistry.start();
    sourceClient = TestClients.plain(source.registry()).build();
    destinationClient = TestClients.plain(destination.registry()).build();
    // 50 tags over 20 images: v0..v49, where v(i) and v(i+20), v(i+40) share a manifest
    List<GeneratedImage> images = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      images.add(RandomImages.image(100 + i, 2, 2000));
    }
    for (int t = 0; t < 50; t++) {
      GeneratedImage image = images.get(t % 20);
      image.pushTo(source, REPO, "v" + t);
      tagged.put("v" + t, image);
    }
  }

  @AfterEach
  void stop() throws IOException {
    try (RegistryClient a = sourceClient;
        RegistryClient b = destinationClient) {
      source.close();
      destination.close();
    }
  }

  @Test
  void copyTags_all_thenAgain_secondRunMovesNoBlob() throws IOException {
    List<TagResult> seen = new ArrayList<>();

    RepositorySync.Summary first = copy(RepositorySync.Options.DEFAULTS, seen);

    assertThat(first.toString()).isEqualTo("50 copied, 0 skipped, 0 failed");
    assertThat(destination.tags(REPO)).hasSize(50);
    for (Map.Entry<String, GeneratedImage> e : tagged.entrySet()) {
      assertThat(destination.manifest(REPO, e.getKey())).contains(e.getValue().manifest());
    }
    assertThat(seen).extracting(TagResult::outcome).containsOnly(Outcome.COPIED);

    source.clearRequests();
    destination.clearRequests();
    RepositorySync.Summary second = copy(RepositorySync.Options.DEFAULTS, new ArrayList<>());

    assertThat(second.toString()).isEqualTo("0 copied, 50 skipped, 0 failed");
    assertThat(blobTraffic(source)).isEmpty();
    assertThat(blobTraffic(destination)).isEmpty();
    assertThat(destination.requests()).noneMatch(r -> r.method().equals("PUT"));
  }

  @Test
  void copyTags_filter_copiesOnlyMatchingTags() throws IOException {
    RepositorySync.Summary summary =
        copy(
            RepositorySync.Options.DEFAULTS.withTags(Pattern.compile("^v4[0-9]$")),
            new ArrayList<>());

    assertThat(summary.copied()).isEqualTo(10);
    assertThat(destination.tags(REPO))
        .containsExactlyInAnyOrder(
            "v40", "v41", "v42", "v43", "v44", "v45", "v46", "v47", "v48", "v49");
  }

  @Test
  void copyTags_interrupted_failuresReportedOthersGoOn_resumedRunFinishes() throws IOException {
    // the destination refuses five manifest PUTs: those tags fail, the rest are copied
    destination.inject(Fault.status(400).on(Endpoint.END_7A).times(5));

    RepositorySync.Summary interrupted = copy(RepositorySync.Options.DEFAULTS, new ArrayList<>());

    assertThat(interrupted.failed()).isEqualTo(5);
    assertThat(interrupted.copied()).isEqualTo(45);
    assertThat(interrupted.succeeded()).isFalse();
    assertThat(interrupted.failures()).allSatisfy(f -> assertThat(f.error()).isPresent());

    destination.clearRequests();
    RepositorySync.Summary resumed = copy(RepositorySync.Options.DEFAULTS, new ArrayList<>());

    assertThat(resumed.toString()).isEqualTo("5 copied, 45 skipped, 0 failed");
    assertThat(destination.tags(REPO)).hasSize(50);
    // the failed tags' blobs were uploaded in the first run: the resumed run sends none again
    assertThat(destination.requests())
        .noneMatch(r -> r.endpoint().map(e -> e.family() == EndpointFamily.UPLOADS).orElse(false));
  }

  private RepositorySync.Summary copy(RepositorySync.Options options, List<TagResult> seen)
      throws IOException {
    Repository from = source.repository(REPO);
    Repository to = destination.repository(REPO);
    return RepositorySync.copyTags(sourceClient, from, destinationClient, to, options, seen::add);
  }

  /** Blob reads and uploads: what a skip must not cause (HEADs on manifests are fine). */
  private static List<RecordedExchange> blobTraffic(FakeRegistry registry) {
    return registry.requests().stream()
        .filter(
            r ->
                r.endpoint()
                    .map(
                        e ->
                            e.family() == EndpointFamily.UPLOADS
                                || (e.family() == EndpointFamily.BLOBS
                                    && !r.method().equals("HEAD")))
                    .orElse(false))
        .toList();
  }
}
