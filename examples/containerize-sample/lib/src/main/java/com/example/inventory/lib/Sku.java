package com.example.inventory.lib;

import java.util.regex.Pattern;

/** A stock-keeping unit code: three letters, a dash, four digits. */
public record Sku(String code) {
  private static final Pattern FORMAT = Pattern.compile("[A-Z]{3}-[0-9]{4}");

  public Sku {
    if (!FORMAT.matcher(code).matches()) {
      throw new IllegalArgumentException("not a SKU: " + code);
    }
  }
}
