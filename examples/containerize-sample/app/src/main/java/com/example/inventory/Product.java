package com.example.inventory;

import com.example.inventory.lib.Money;
import com.example.inventory.lib.Sku;

/** A product of the catalog. */
public record Product(Sku sku, String name, Money price, Category category) {}
