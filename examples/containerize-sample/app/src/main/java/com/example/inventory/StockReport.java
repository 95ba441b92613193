package com.example.inventory;

import com.google.common.collect.Ordering;
import java.util.ArrayList;
import java.util.List;

/** The stock of every product, most valuable first. */
public final class StockReport {
  private final Warehouse warehouse;
  private final Settings settings;

  public StockReport(Warehouse warehouse, Settings settings) {
    this.warehouse = warehouse;
    this.settings = settings;
  }

  public List<StockLine> lines() {
    List<StockLine> lines = new ArrayList<>();
    for (Product product : warehouse.catalog().all()) {
      int count = warehouse.count(product.sku());
      lines.add(new StockLine(product.sku().code(), product.name(), count, product.price().times(count), count < settings.lowStockThreshold()));
    }
    return Ordering.natural().reverse().onResultOf(StockLine::value).sortedCopy(lines);
  }
}
