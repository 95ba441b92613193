package com.example.inventory;

import java.util.List;

/** Messages for products that run low. */
public final class LowStockAlert {
  private final Settings settings;

  public LowStockAlert(Settings settings) {
    this.settings = settings;
  }

  public List<String> check(List<StockLine> lines) {
    return lines.stream().filter(StockLine::low)
        .map(l -> "low stock at " + settings.warehouseName() + ": " + l.sku() + " (" + l.quantity() + ")")
        .toList();
  }
}
