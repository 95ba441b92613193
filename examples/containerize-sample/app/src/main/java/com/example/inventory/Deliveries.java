package com.example.inventory;

import java.util.ArrayList;
import java.util.List;

/** A deterministic set of deliveries for the demonstration. */
final class Deliveries {
  private Deliveries() {}

  static List<Delivery> sample(Catalog catalog) {
    List<Delivery> deliveries = new ArrayList<>();
    int i = 0;
    for (Product product : catalog.all()) {
      deliveries.add(new Delivery(product.sku(), 1 + (i * 7) % 11, new Supplier(i % 2 == 0 ? "Northern Tools Wholesale" : "Acme")));
      i++;
    }
    return deliveries;
  }
}
