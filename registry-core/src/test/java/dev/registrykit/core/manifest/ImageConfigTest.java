package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.InvalidManifestException.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

  @Test
  void parseConfig_specExample_readsEveryField() throws Exception {
    ImageConfig c = ManifestCodec.parseConfig(Fixtures.load("oci-config.json"));

    assertThat(c.architecture()).isEqualTo("amd64");
    assertThat(c.os()).isEqualTo("linux");
    assertThat(c.created()).contains("2015-10-31T22:22:56.015925234Z");
    assertThat(c.createdInstant()).contains(Instant.parse("2015-10-31T22:22:56.015925234Z"));
    assertThat(c.author()).contains("Alyssa P. Hacker <alyspdev@example.com>");
    ContainerConfig cc = c.config();
    assertThat(cc.user()).contains("alice");
    assertThat(cc.exposedPorts()).containsExactly("8080/tcp");
    assertThat(cc.env()).hasSize(3).contains("FOO=oci_is_a");
    assertThat(cc.envVar("BAR")).contains("well_written_spec");
    assertThat(cc.entrypoint()).contains(List.of("/bin/my-app-binary"));
    assertThat(cc.cmd()).contains(List.of("--foreground", "--config", "/etc/my-app.d/default.cfg"));
    assertThat(cc.volumes()).containsExactly("/var/job-result-data", "/var/log/my-app-logs");
    assertThat(cc.workingDir()).contains("/home/alice");
    assertThat(cc.labels())
        .containsKeys("com.example.project.git.url", "com.example.project.git.commit");
    assertThat(c.rootfs().type()).isEqualTo("layers");
    assertThat(c.rootfs().diffIds())
        .extracting(Digest::toString)
        .containsExactly(
            "sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1",
            "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
    assertThat(c.history()).hasSize(3);
    assertThat(c.history().get(1).emptyLayer()).isTrue();
    assertThat(c.history().get(1).createdBy()).contains("/bin/sh -c #(nop) CMD [\"sh\"]");
    assertThat(c.unknownFields().isEmpty()).isTrue();
  }

  @Test
  void encodeConfig_specExample_matchesCanonicalBytes() throws Exception {
    Bytes canonical = Fixtures.load("canonical/oci-config.json");

    assertThat(
            ManifestCodec.encodeConfig(ManifestCodec.parseConfig(Fixtures.load("oci-config.json")))
                .utf8())
        .isEqualTo(canonical.utf8());
    assertThat(ManifestCodec.encodeConfig(ManifestCodec.parseConfig(canonical)))
        .isEqualTo(canonical);
  }

  @Test
  void parseConfig_dockerConfig_keepsDockerOnlyMembers() throws Exception {
    ImageConfig c = ManifestCodec.parseConfig(Fixtures.load("docker-config.json"));

    assertThat(c.unknownFields().names())
        .containsExactly("container", "container_config", "docker_version");
    assertThat(c.config().unknownFields().names())
        .contains("Hostname", "AttachStdin", "Image", "OnBuild");
    assertThat(c.config().entrypoint()).isEmpty();
    assertThat(c.config().cmd()).contains(List.of("/bin/sh"));
    assertThat(c.config().labels()).isEmpty();
    ImageConfig again = ManifestCodec.parseConfig(ManifestCodec.encodeConfig(c));
    assertThat(again).isEqualTo(c);
    assertThat(again.unknownFields().rawJson("docker_version")).contains("\"20.10.23\"");
  }

  @Test
  void withers_editConfig_keepUnknownFieldsAndAppendLayer() throws Exception {
    ImageConfig base = ManifestCodec.parseConfig(Fixtures.load("docker-config.json"));
    Digest diffId = Bytes.ofUtf8("new layer").sha256();

    ImageConfig edited =
        base.withConfig(
                base.config()
                    .withEnvVar("PATH", "/app/bin")
                    .withEnvVar("JAVA_HOME", "/opt/java")
                    .withEntrypoint(List.of("java", "-jar", "/app/app.jar"))
                    .withLabel("org.opencontainers.image.source", "https://example.com/app")
                    .withExposedPort("8080/tcp")
                    .withUser("1000:1000")
                    .withWorkingDir("/app"))
            .withAppendedLayer(
                diffId,
                History.of("registrykit: add app", false).withCreated("1970-01-01T00:00:00Z"));

    ImageConfig reparsed = ManifestCodec.parseConfig(ManifestCodec.encodeConfig(edited));
    assertThat(reparsed).isEqualTo(edited);
    assertThat(reparsed.config().env()).containsExactly("PATH=/app/bin", "JAVA_HOME=/opt/java");
    assertThat(reparsed.config().entrypoint()).contains(List.of("java", "-jar", "/app/app.jar"));
    assertThat(reparsed.rootfs().diffIds()).hasSize(2).last().isEqualTo(diffId);
    assertThat(reparsed.history())
        .hasSize(3)
        .last()
        .extracting(h -> h.createdBy().orElseThrow())
        .isEqualTo("registrykit: add app");
    assertThat(reparsed.unknownFields()).isEqualTo(base.unknownFields());
    assertThat(reparsed.config().unknownFields()).isEqualTo(base.config().unknownFields());
  }

  @Test
  void withAppendedLayer_emptyLayerHistory_throws() {
    ImageConfig c = ImageConfig.of(Platform.LINUX_AMD64);

    assertThatThrownBy(
            () -> c.withAppendedLayer(Descriptor.EMPTY_JSON.digest(), History.of("x", true)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_platform_encodesMinimalConfig() {
    ImageConfig c = ImageConfig.of(Platform.parse("linux/arm64/v8"));

    assertThat(ManifestCodec.encodeConfig(c).utf8())
        .isEqualTo(
            "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
    assertThat(c.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
  }

  @Test
  void parseConfig_missingRootfs_throwsNamingPath() {
    assertThatThrownBy(
            () ->
                ManifestCodec.parseConfig(
                    Bytes.ofUtf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}")))
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
              assertThat(e.path()).contains("$.rootfs");
            });
  }

  @Test
  void parseConfig_badDiffId_throwsNamingIndex() {
    Bytes json =
        Bytes.ofUtf8(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:00\"]}}");

    assertThatThrownBy(() -> ManifestCodec.parseConfig(json))
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e -> assertThat(e.path()).contains("$.rootfs.diff_ids[0]"));
  }

  @Test
  void withEnvVar_nameWithEquals_throws() {
    assertThatThrownBy(() -> ContainerConfig.EMPTY.withEnvVar("A=B", "c"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
