package com.example.inventory;

import com.example.inventory.lib.Sku;
import com.google.common.collect.HashMultiset;
import com.google.common.collect.Multiset;

/** Stock levels per product. */
public final class Warehouse {
  private final Catalog catalog;
  private final Multiset<Sku> stock = HashMultiset.create();

  public Warehouse(Catalog catalog) {
    this.catalog = catalog;
  }

  public void receive(Delivery delivery) {
    if (catalog.find(delivery.sku()).isEmpty()) {
      throw new UnknownProductException(delivery.sku());
    }
    stock.add(delivery.sku(), delivery.quantity());
  }

  public void ship(Sku sku, int quantity) {
    if (stock.count(sku) < quantity) {
      throw new OutOfStockException(sku, stock.count(sku), quantity);
    }
    stock.remove(sku, quantity);
  }

  public int count(Sku sku) {
    return stock.count(sku);
  }

  public Catalog catalog() {
    return catalog;
  }
}
