package com.example.inventory;

import com.example.inventory.lib.Sku;

/** Items of one product arriving at the warehouse. */
public record Delivery(Sku sku, int quantity, Supplier supplier) {
  public Delivery {
    if (quantity <= 0) {
      throw new IllegalArgumentException("a delivery brings at least one item");
    }
  }
}
