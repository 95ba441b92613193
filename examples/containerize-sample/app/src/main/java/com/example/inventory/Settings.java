package com.example.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Settings from the library's defaults and the application's overrides. */
public record Settings(String currency, int lowStockThreshold, String warehouseName) {
  public static Settings load() throws IOException {
    Properties properties = new Properties();
    for (String resource : new String[] {"/inventory-lib.properties", "/inventory-app.properties"}) {
      try (InputStream in = Settings.class.getResourceAsStream(resource)) {
        if (in != null) {
          properties.load(in);
        }
      }
    }
    return new Settings(properties.getProperty("currency", "EUR"), Integer.parseInt(properties.getProperty("low.stock.threshold", "5")),
        properties.getProperty("warehouse.name", "main"));
  }
}
