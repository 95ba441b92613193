package com.example.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;

/** Reads the bundled catalog and prints a stock report as JSON. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.load();
    Catalog catalog;
    try (InputStream in = Main.class.getResourceAsStream("catalog.json")) {
      catalog = new CatalogReader(new ObjectMapper()).read(in);
    }
    Warehouse warehouse = new Warehouse(catalog);
    for (Delivery delivery : Deliveries.sample(catalog)) {
      warehouse.receive(delivery);
    }
    List<StockLine> lines = new StockReport(warehouse, settings).lines();
    System.out.println(new ReportWriter(new ObjectMapper()).write(lines));
    new LowStockAlert(settings).check(lines).forEach(System.err::println);
  }
}
