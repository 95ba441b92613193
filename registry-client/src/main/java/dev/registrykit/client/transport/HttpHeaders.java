package dev.registrykit.client.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP header fields: ordered, case-insensitive by name, repeatable.
 *
 * <p>Instances are immutable; use {@link #builder()} or the {@code with}/{@code without} methods to
 * derive new ones. {@link #toString()} redacts the values of credential-bearing headers.
 */
public final class HttpHeaders {
  private static final HttpHeaders EMPTY = new HttpHeaders(List.of());
  private static final List<String> SENSITIVE =
      List.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  private final List<Field> fields;

  private HttpHeaders(List<Field> fields) {
    this.fields = fields;
  }

  /** No headers. */
  public static HttpHeaders empty() {
    return EMPTY;
  }

  /**
   * Headers from alternating names and values: {@code of("Accept", "a/b", "Range", "bytes=0-")}.
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs, got an odd number of strings");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  /** A builder for headers. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting with these headers. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.fields.addAll(fields);
    return builder;
  }

  /** The first value of {@code name}, compared case-insensitively. */
  public Optional<String> firstValue(String name) {
    for (Field field : fields) {
      if (field.name.equalsIgnoreCase(name)) {
        return Optional.of(field.value);
      }
    }
    return Optional.empty();
  }

  /** Every value of {@code name}, in order. */
  public List<String> allValues(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name.equalsIgnoreCase(name)) {
        values.add(field.value);
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** Whether {@code name} is present. */
  public boolean contains(String name) {
    return firstValue(name).isPresent();
  }

  /** The header names in order, with repeats, as they were added. */
  public List<String> names() {
    return fields.stream().map(f -> f.name).toList();
  }

  /** The number of header fields. */
  public int size() {
    return fields.size();
  }

  /** The name of field {@code index}. */
  public String name(int index) {
    return fields.get(index).name;
  }

  /** The value of field {@code index}. */
  public String value(int index) {
    return fields.get(index).value;
  }

  /** These headers with every {@code name} replaced by one field {@code name: value}. */
  public HttpHeaders with(String name, String value) {
    return newBuilder().set(name, value).build();
  }

  /** These headers without any {@code name} field. */
  public HttpHeaders without(String name) {
    return newBuilder().removeAll(name).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders other && fields.equals(other.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** The fields, one {@code name: value} per line, credential-bearing values redacted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Field field : fields) {
      boolean sensitive = SENSITIVE.contains(field.name.toLowerCase(Locale.ROOT));
      sb.append(field.name).append(": ").append(sensitive ? "██" : field.value).append('\n');
    }
    return sb.toString();
  }

  private record Field(String name, String value) {
    Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name is empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f || c == ':') {
          throw new IllegalArgumentException("invalid character in header name at position " + i);
        }
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        // CR and LF would let a value inject headers; reject them. The value itself is not quoted
        // in the message: it may be a credential.
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException(
              "invalid character in value of header " + name + " at position " + i);
        }
      }
    }
  }

  /** Builds {@link HttpHeaders}. Not thread-safe. */
  public static final class Builder {
    private final List<Field> fields = new ArrayList<>();

    private Builder() {}

    /** Adds a field, keeping existing ones of the same name. */
    public Builder add(String name, String value) {
      fields.add(new Field(name, value));
      return this;
    }

    /** Replaces every {@code name} field with one. */
    public Builder set(String name, String value) {
      removeAll(name);
      return add(name, value);
    }

    /** Removes every {@code name} field. */
    public Builder removeAll(String name) {
      fields.removeIf(f -> f.name.equalsIgnoreCase(name));
      return this;
    }

    /** The headers. */
    public HttpHeaders build() {
      return fields.isEmpty() ? EMPTY : new HttpHeaders(List.copyOf(fields));
    }
  }
}
