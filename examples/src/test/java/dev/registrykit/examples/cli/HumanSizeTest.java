package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanSizeTest {

  @Test
  void of_likeDocker_decimalUnitsWithoutTrailingZeros() {
    assertThat(HumanSize.of(738, 3)).isEqualTo("738B");
    assertThat(HumanSize.of(11_800_000, 3)).isEqualTo("11.8MB");
    assertThat(HumanSize.of(3_146_123, 4)).isEqualTo("3.146MB");
    assertThat(HumanSize.of(5_000, 3)).isEqualTo("5kB");
    assertThat(HumanSize.of(0, 3)).isEqualTo("0B");
  }
}
