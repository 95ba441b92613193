package dev.registrykit.examples.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sizes the way {@code docker} prints them (go-units {@code HumanSizeWithPrecision}): decimal
 * units, a few significant digits, no trailing zeros: {@code 738B}, {@code 11.8MB}, {@code
 * 3.146MB}.
 */
final class HumanSize {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

  private HumanSize() {}

  static String of(long bytes, int precision) {
    double size = bytes;
    int unit = 0;
    while (size >= 1000 && unit < UNITS.length - 1) {
      size /= 1000;
      unit++;
    }
    BigDecimal rounded =
        new BigDecimal(size).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    return rounded.stripTrailingZeros().toPlainString() + UNITS[unit];
  }
}
