package com.example.inventory;

import java.util.EnumMap;
import java.util.Map;

/** How many items of each category are in stock. */
public final class CategorySummary {
  private CategorySummary() {}

  public static Map<Category, Integer> of(Warehouse warehouse) {
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    for (Product product : warehouse.catalog().all()) {
      counts.merge(product.category(), warehouse.count(product.sku()), Integer::sum);
    }
    return counts;
  }
}
