package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"linux/amd64", "linux/arm64/v8", "linux/arm/v7", "windows/amd64", "linux/riscv64"})
  void parse_toString_roundTrips(String s) {
    assertThat(Platform.parse(s)).hasToString(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "linux", "linux/", "/amd64", "linux/amd64/v8/x", "linux/ amd64", "linux//v8"})
  void parse_malformed_throws(String s) {
    assertThatThrownBy(() -> Platform.parse(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} satisfies {1}: {2}")
  @CsvSource({
    "linux/arm64, linux/arm64/v8, true",
    "linux/arm64/v8, linux/arm64, true",
    "linux/arm64/v8, linux/aarch64, true",
    "linux/arm64/v9, linux/arm64/v8, false",
    "linux/arm64/8, linux/arm64/v8, true",
    "linux/arm, linux/arm/v7, true",
    "linux/arm/v6, linux/arm/v7, false",
    "linux/arm/v6, linux/arm, true",
    "linux/amd64, linux/x86_64, true",
    "linux/amd64/v1, linux/amd64, true",
    "linux/amd64, linux/amd64/v1, true",
    "linux/amd64/v3, linux/amd64/v2, false",
    "linux/amd64, windows/amd64, false",
    "linux/amd64, linux/arm64, false",
  })
  void satisfies_normalizesArchitectureAndDefaultVariants(
      String candidate, String wanted, boolean expected) {
    assertThat(Platform.parse(candidate).satisfies(Platform.parse(wanted))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void satisfies_osVersionAndFeatures_mustBeCovered() {
    Platform win =
        Platform.parse("windows/amd64")
            .withOsVersion("10.0.1")
            .withOsFeatures(java.util.List.of("win32k"));

    assertThat(win.satisfies(Platform.parse("windows/amd64"))).isTrue();
    assertThat(win.satisfies(Platform.parse("windows/amd64").withOsVersion("10.0.1"))).isTrue();
    assertThat(win.satisfies(Platform.parse("windows/amd64").withOsVersion("10.0.2"))).isFalse();
    assertThat(
            Platform.parse("windows/amd64")
                .satisfies(win.withOsVersion("10.0.1").withOsFeatures(java.util.List.of("x"))))
        .isFalse();
  }

  @org.junit.jupiter.api.Test
  void sameAs_defaultVariant_isSame() {
    assertThat(Platform.parse("linux/arm64").sameAs(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/arm64").sameAs(Platform.parse("linux/arm64/v9"))).isFalse();
  }
}
