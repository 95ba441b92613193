package com.example.inventory;

import com.example.inventory.lib.Money;
import com.example.inventory.lib.Sku;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads a catalog from JSON. */
public final class CatalogReader {
  private final ObjectMapper mapper;

  public CatalogReader(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public Catalog read(InputStream in) throws IOException {
    List<Product> products = new ArrayList<>();
    for (JsonNode node : mapper.readTree(in).path("products")) {
      products.add(new Product(new Sku(node.path("sku").asText()), node.path("name").asText(),
          Money.of(node.path("price").asText(), node.path("currency").asText("EUR")), Category.parse(node.path("category").asText())));
    }
    return new Catalog(products);
  }
}
