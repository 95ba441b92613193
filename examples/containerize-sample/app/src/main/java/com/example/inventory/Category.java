package com.example.inventory;

/** Product categories. */
public enum Category {
  HARDWARE, GARDEN, KITCHEN, TOYS;

  public static Category parse(String name) {
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
