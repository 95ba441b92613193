package com.example.inventory;

import java.util.List;

/** What to order to bring every low product back to twice the threshold. */
public final class Reorder {
  private Reorder() {}

  public record Order(String sku, int quantity) {}

  public static List<Order> plan(List<StockLine> lines, Settings settings) {
    return lines.stream().filter(StockLine::low).map(l -> new Order(l.sku(), 2 * settings.lowStockThreshold() - l.quantity())).toList();
  }
}
