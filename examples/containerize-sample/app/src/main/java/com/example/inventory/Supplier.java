package com.example.inventory;

import org.apache.commons.lang3.StringUtils;

/** Who delivers. */
public record Supplier(String name) {
  public String shortName() {
    return StringUtils.abbreviate(name, 12);
  }
}
