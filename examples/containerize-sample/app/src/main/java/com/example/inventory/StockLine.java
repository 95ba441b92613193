package com.example.inventory;

import com.example.inventory.lib.Money;

/** One line of the stock report. */
public record StockLine(String sku, String name, int quantity, Money value, boolean low) {}
