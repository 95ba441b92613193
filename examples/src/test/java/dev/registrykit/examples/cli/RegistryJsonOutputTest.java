package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.testkit.FakeRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON a registry supplied (manifests, configs, referrers' annotations) reaches a terminal with
 * what a terminal would act on escaped, and still the same JSON; redirected, a manifest is the
 * registry's bytes exactly. Its strings hold what JSON allows raw: C1 controls (U+009B is a
 * one-character CSI, U+0085 a line break to some terminals) and bidirectional overrides.
 */
@Timeout(60)
class RegistryJsonOutputTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String HOSTILE = "\u202Eexe.txt\u009B2J\u0085";
  private static final String[] RAW = {"\u202E", "\u009B", "\u0085"};

  private FakeRegistry registry;
  private String manifest;
  private String config;
  private Digest manifestDigest;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.builder().start();
    config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"title\":\""
            + HOSTILE
            + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
    Digest configDigest = registry.putBlob("app", config.getBytes(StandardCharsets.UTF_8));
    manifest =
        "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\",\n  \"config\": {\"mediaType\": \""
            + MediaType.OCI_CONFIG.value()
            + "\", \"digest\": \""
            + configDigest
            + "\", \"size\": "
            + config.getBytes(StandardCharsets.UTF_8).length
            + "},\n  \"layers\": [],\n  \"annotations\": {\"org.opencontainers.image.title\": \""
            + HOSTILE
            + "\"}\n}";
    manifestDigest =
        registry.putManifest(
            "app",
            MediaType.OCI_IMAGE_MANIFEST.value(),
            manifest.getBytes(StandardCharsets.UTF_8),
            "v1");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void manifest_redirected_isTheRegistrysBytesExactly() {
    CliRun run = CliRun.of("manifest", registry.host() + "/app:v1").assertSuccess();

    assertThat(run.stdout()).isEqualTo(manifest + "\n");
    byte[] printed = run.stdout().getBytes(StandardCharsets.UTF_8);
    assertThat(Digest.sha256(Arrays.copyOf(printed, printed.length - 1))).isEqualTo(manifestDigest);
  }

  @Test
  void manifest_onTerminal_escapesWhatATerminalActsOn_andStaysTheSameJson() {
    CliRun run = CliRun.onTerminal("manifest", registry.host() + "/app:v1").assertSuccess();

    assertThat(run.stdout()).doesNotContain(RAW).contains("\\u202Eexe.txt\\u009B2J\\u0085");
    assertThat(JSON.readTree(run.stdout())).isEqualTo(JSON.readTree(manifest));
    assertThat(run.stdout().lines())
        .as("the layout is kept")
        .hasSize((int) manifest.lines().count());
  }

  @Test
  void manifest_honest_onTerminal_isTheRegistrysBytesToo() {
    String honest = manifest.replace(HOSTILE, "figlet \\u001b ünïcödé");
    registry.putManifest(
        "app", MediaType.OCI_IMAGE_MANIFEST.value(), honest.getBytes(StandardCharsets.UTF_8), "v2");

    CliRun run = CliRun.onTerminal("manifest", registry.host() + "/app:v2").assertSuccess();

    assertThat(run.stdout()).isEqualTo(honest + "\n");
  }

  @Test
  void config_redirectedExactly_onTerminalEscaped() {
    CliRun redirected = CliRun.of("config", registry.host() + "/app:v1").assertSuccess();
    CliRun terminal = CliRun.onTerminal("config", registry.host() + "/app:v1").assertSuccess();

    assertThat(redirected.stdout()).isEqualTo(config + "\n");
    assertThat(terminal.stdout()).doesNotContain(RAW).contains("\\u202Eexe.txt\\u009B2J\\u0085");
    assertThat(JSON.readTree(terminal.stdout())).isEqualTo(JSON.readTree(config));
  }

  @Test
  void referrersJson_onTerminal_escapesTheRegistrysAnnotations() {
    registry.putBlob("app", Descriptor.EMPTY_JSON_CONTENT);
    String empty =
        "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
            + Descriptor.EMPTY_JSON_CONTENT.sha256()
            + "\",\"size\":2}";
    String referrer =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\",\"artifactType\":\"application/spdx+json\",\"config\":"
            + empty
            + ",\"layers\":["
            + empty
            + "],\"subject\":{\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\",\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.getBytes(StandardCharsets.UTF_8).length
            + "},\"annotations\":{\"note\":\""
            + HOSTILE
            + "\"}}";
    registry.putManifest(
        "app", MediaType.OCI_IMAGE_MANIFEST.value(), referrer.getBytes(StandardCharsets.UTF_8));

    CliRun run =
        CliRun.onTerminal("referrers", "--format", "json", registry.host() + "/app:v1")
            .assertSuccess();

    assertThat(run.stdout()).doesNotContain(RAW);
    assertThat(JSON.readTree(run.stdout()).at("/referrers/0/annotations/note").asString())
        .isEqualTo(HOSTILE);
  }

  @Test
  void help_saysTheRule() {
    for (String command : new String[] {"manifest", "config", "referrers"}) {
      assertThat(CliRun.of(command, "--help").assertSuccess().stdout())
          .as(command)
          .contains("On a terminal, control characters, escape sequences and bidirectional")
          .contains("printed as \\uXXXX escapes")
          .contains("Redirected")
          .contains("registry's bytes exactly");
    }
  }
}
