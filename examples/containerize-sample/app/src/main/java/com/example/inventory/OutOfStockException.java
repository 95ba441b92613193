package com.example.inventory;

import com.example.inventory.lib.Sku;

/** A shipment larger than the stock. */
public final class OutOfStockException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutOfStockException(Sku sku, int available, int wanted) {
    super(sku.code() + ": " + wanted + " wanted, " + available + " in stock");
  }
}
