package com.example.inventory;

import com.example.inventory.lib.Money;
import java.util.Comparator;
import java.util.List;

/** Products by price. */
public final class PriceList {
  private PriceList() {}

  public static List<Product> cheapestFirst(Catalog catalog) {
    return catalog.all().stream().sorted(Comparator.comparing(Product::price)).toList();
  }

  public static Money total(Catalog catalog) {
    return catalog.all().stream().map(Product::price).reduce(Money::plus).orElse(new Money(0, "EUR"));
  }
}
