package com.example.inventory;

import com.example.inventory.lib.Sku;

/** A delivery for a product the catalog does not list. */
public final class UnknownProductException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownProductException(Sku sku) {
    super("not in the catalog: " + sku.code());
  }
}
