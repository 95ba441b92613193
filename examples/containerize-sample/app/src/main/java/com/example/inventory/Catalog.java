package com.example.inventory;

import com.example.inventory.lib.Sku;
import com.google.common.collect.ImmutableMap;
import java.util.Collection;
import java.util.Optional;

/** The products on sale, by SKU. */
public final class Catalog {
  private final ImmutableMap<Sku, Product> products;

  public Catalog(Collection<Product> products) {
    ImmutableMap.Builder<Sku, Product> builder = ImmutableMap.builder();
    products.forEach(p -> builder.put(p.sku(), p));
    this.products = builder.buildOrThrow();
  }

  public Optional<Product> find(Sku sku) {
    return Optional.ofNullable(products.get(sku));
  }

  public Collection<Product> all() {
    return products.values();
  }
}
