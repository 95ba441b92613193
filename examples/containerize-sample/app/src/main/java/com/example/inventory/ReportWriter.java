package com.example.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes the report as JSON. */
public final class ReportWriter {
  private final ObjectMapper mapper;

  public ReportWriter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String write(List<StockLine> lines) throws JsonProcessingException {
    ArrayNode array = mapper.createArrayNode();
    for (StockLine line : lines) {
      ObjectNode node = array.addObject();
      node.put("sku", line.sku());
      node.put("name", line.name());
      node.put("quantity", line.quantity());
      node.put("value", line.value().toString());
      node.put("low", line.low());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
