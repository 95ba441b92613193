package com.example.inventory.lib;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An amount in cents of one currency. */
public record Money(long cents, String currency) implements Comparable<Money> {
  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact(), currency);
  }

  public Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("different currencies: " + currency + ", " + other.currency);
    }
    return new Money(cents + other.cents, currency);
  }

  public Money times(long quantity) {
    return new Money(Math.multiplyExact(cents, quantity), currency);
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(cents, other.cents);
  }

  @Override
  public String toString() {
    return BigDecimal.valueOf(cents, 2).toPlainString() + " " + currency;
  }
}
