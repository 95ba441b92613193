package dev.registrykit.core.distribution;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A rate limit a registry announced in a response: how many requests (on Docker Hub, pulls:
 * manifest {@code GET}s) a window allows, how many are left, and whom the limit counts.
 *
 * <p>Docker Hub sends, on manifest requests of rate-limited users:
 *
 * <pre>
 * ratelimit-limit: 100;w=21600
 * ratelimit-remaining: 76;w=21600
 * docker-ratelimit-source: 192.0.2.1
 * </pre>
 *
 * and no such headers to users without a limit. The IETF draft's list form ({@code RateLimit-Limit:
 * 100, 100;w=21600, 1000;w=86400}: the current limit first, then the policies) and {@code
 * RateLimit-Reset} (seconds) are read too; unknown parameters are ignored, and a malformed header
 * is treated as absent rather than guessed at.
 *
 * <p>Immutable.
 *
 * @see <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/">RateLimit
 *     header fields for HTTP</a>
 * @see <a href="https://docs.docker.com/docker-hub/usage/pulls/#view-pull-rate-and-limit">Docker
 *     Hub: view pull rate and limit</a>
 */
public final class RateLimit {
  /**
   * Docker Hub's header naming whom the limit counts: an IP address (anonymous) or an account ID.
   */
  public static final String SOURCE_HEADER = "Docker-RateLimit-Source";

  private static final int MAX_SOURCE_LENGTH = 256;

  private final OptionalLong limit;
  private final OptionalLong remaining;
  private final Optional<Duration> window;
  private final Optional<Duration> reset;
  private final Optional<String> source;

  private RateLimit(
      OptionalLong limit,
      OptionalLong remaining,
      Optional<Duration> window,
      Optional<Duration> reset,
      Optional<String> source) {
    this.limit = limit;
    this.remaining = remaining;
    this.window = window;
    this.reset = reset;
    this.source = source;
  }

  /**
   * The limit announced by a response's headers; empty when they carry neither {@code
   * RateLimit-Limit} nor {@code RateLimit-Remaining} in a readable form (Docker Hub then applies no
   * limit to the caller).
   *
   * @param header every value of the named header (case-insensitive), e.g. {@code
   *     response.headers()::allValues}
   */
  public static Optional<RateLimit> fromHeaders(Function<String, List<String>> header) {
    Objects.requireNonNull(header, "header");
    HeaderValues headers = new HeaderValues(header);
    Optional<Item> limit = first(headers.allValues("RateLimit-Limit"));
    Optional<Item> remaining = first(headers.allValues("RateLimit-Remaining"));
    if (limit.isEmpty() && remaining.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> window =
        limit
            .flatMap(i -> i.window)
            .or(
                () ->
                    limit.flatMap(
                        l -> windowOfPolicy(headers.allValues("RateLimit-Limit"), l.value)))
            .or(() -> remaining.flatMap(i -> i.window));
    Optional<Duration> reset =
        first(headers.allValues("RateLimit-Reset")).map(i -> Duration.ofSeconds(i.value));
    Optional<String> source =
        headers
            .firstValue(SOURCE_HEADER)
            .map(s -> s.replaceAll("\\p{Cntrl}", "").strip())
            .filter(s -> !s.isEmpty() && s.length() <= MAX_SOURCE_LENGTH);
    return Optional.of(
        new RateLimit(
            limit.map(i -> OptionalLong.of(i.value)).orElse(OptionalLong.empty()),
            remaining.map(i -> OptionalLong.of(i.value)).orElse(OptionalLong.empty()),
            window,
            reset,
            source));
  }

  /** How many requests the window allows. */
  public OptionalLong limit() {
    return limit;
  }

  /** How many are left in the current window. */
  public OptionalLong remaining() {
    return remaining;
  }

  /** The window the limit applies to ({@code w=21600}: six hours); Docker Hub's window slides. */
  public Optional<Duration> window() {
    return window;
  }

  /** When the quota is restored, if the registry said ({@code RateLimit-Reset}). */
  public Optional<Duration> reset() {
    return reset;
  }

  /**
   * Whom the limit counts ({@code Docker-RateLimit-Source}): an IP address for anonymous requests,
   * an account ID for authenticated ones.
   */
  public Optional<String> source() {
    return source;
  }

  /** Whether nothing is left in the window. */
  public boolean isExhausted() {
    return remaining.isPresent() && remaining.getAsLong() == 0;
  }

  /**
   * Whether the limit counts an IP address rather than an account, i.e. the requests were
   * anonymous; empty when the registry did not say.
   */
  public Optional<Boolean> countsAddress() {
    return source.map(RateLimit::isIpAddress);
  }

  /** {@code 76 of 100 left per 6 h (source 192.0.2.1)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (remaining.isPresent()) {
      s.append(remaining.getAsLong());
      limit.ifPresent(l -> s.append(" of ").append(l));
      s.append(" left");
    } else {
      s.append("limit ").append(limit.getAsLong());
    }
    window.ifPresent(w -> s.append(" per ").append(describe(w)));
    reset.ifPresent(r -> s.append(", resets in ").append(describe(r)));
    source.ifPresent(src -> s.append(" (source ").append(src).append(')'));
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit
        && ((RateLimit) o).limit.equals(limit)
        && ((RateLimit) o).remaining.equals(remaining)
        && ((RateLimit) o).window.equals(window)
        && ((RateLimit) o).reset.equals(reset)
        && ((RateLimit) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, remaining, window, reset, source);
  }

  /** {@code 6 h}, {@code 90 min}, {@code 45 s}. */
  public static String describe(Duration d) {
    long seconds = d.getSeconds();
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }

  // ---------------------------------------------------------------------------------------------

  private static final class HeaderValues {
    private final Function<String, List<String>> lookup;

    HeaderValues(Function<String, List<String>> lookup) {
      this.lookup = lookup;
    }

    List<String> allValues(String name) {
      List<String> values = lookup.apply(name);
      return values == null ? List.of() : values;
    }

    Optional<String> firstValue(String name) {
      return allValues(name).stream().findFirst();
    }
  }

  /** One list member: {@code 76;w=21600}. */
  private static final class Item {
    final long value;
    final Optional<Duration> window;

    Item(long value, Optional<Duration> window) {
      this.value = value;
      this.window = window;
    }
  }

  private static Optional<Item> first(List<String> values) {
    for (String value : values) {
      for (String member : value.split(",")) {
        if (!member.isBlank()) {
          return item(member);
        }
      }
    }
    return Optional.empty();
  }

  /** The window of the first policy ({@code 100;w=21600}) whose quota is {@code limit}. */
  private static Optional<Duration> windowOfPolicy(List<String> values, long limit) {
    for (String value : values) {
      for (String member : value.split(",")) {
        Optional<Item> item = member.isBlank() ? Optional.empty() : item(member);
        if (item.isPresent() && item.get().value == limit && item.get().window.isPresent()) {
          return item.get().window;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Item> item(String member) {
    String[] parts = member.split(";");
    OptionalLong value = number(parts[0]);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> window = Optional.empty();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).strip().equalsIgnoreCase("w")) {
        OptionalLong w = number(unquote(parameter.substring(eq + 1)));
        if (w.isEmpty() || w.getAsLong() == 0) {
          return Optional
              .empty(); // a window that is not a positive number: the member is malformed
        }
        window = Optional.of(Duration.ofSeconds(w.getAsLong()));
      }
    }
    return Optional.of(new Item(value.getAsLong(), window));
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }

  /** A non-negative decimal integer (RFC 8941 integers have at most 15 digits). */
  private static OptionalLong number(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 15 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(t));
  }

  private static boolean isIpAddress(String s) {
    if (s.indexOf(':') >= 0) {
      return s.matches(
          "[0-9A-Fa-f:.]+"); // IPv6 (Docker Hub counts anonymous IPv6 per /64: 2600:3c00::)
    }
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
