package dev.registrykit.client.registries;

import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings for the repositories under one prefix, as a {@code [[registry]]} table of {@code
 * registries.conf}: where they really are ({@code location}), their mirrors, and whether they are
 * insecure or blocked.
 *
 * <pre>{@code
 * RegistryRoute.of("docker.io").withMirrors(Mirror.of("mirror.gcr.io"), Mirror.of("cache.internal:5000").insecure());
 * RegistryRoute.of("example.com/team").withLocation("registry.internal/example-team");
 * RegistryRoute.of("*.untrusted.example").blocked();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RegistryRoute {
  private final String prefix;
  private final String location;
  private final boolean insecure;
  private final boolean blocked;
  private final boolean mirrorByDigestOnly;
  private final List<Mirror> mirrors;

  private RegistryRoute(
      String prefix,
      String location,
      boolean insecure,
      boolean blocked,
      boolean mirrorByDigestOnly,
      List<Mirror> mirrors) {
    this.prefix = prefix;
    this.location = location;
    this.insecure = insecure;
    this.blocked = blocked;
    this.mirrorByDigestOnly = mirrorByDigestOnly;
    this.mirrors = List.copyOf(mirrors);
  }

  /**
   * Settings for the repositories under {@code prefix}: a registry ({@code docker.io}, {@code
   * localhost:5000}), a namespace in one ({@code quay.io/team}), or {@code *.example.com} for every
   * subdomain. The location is the prefix itself until {@link #withLocation} says otherwise.
   */
  public static RegistryRoute of(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    String p = prefix.strip();
    if (p.startsWith("*.")) {
      String domain = p.substring(2).toLowerCase(Locale.ROOT);
      Registry.parse(domain); // a host name
      if (domain.contains("/") || domain.contains(":")) {
        throw new IllegalArgumentException(
            "a wildcard prefix is a host name only: \"" + prefix + "\"");
      }
      return new RegistryRoute("*." + domain, "", false, false, false, List.of());
    }
    String checked = Location.check(p, "prefix");
    return new RegistryRoute(checked, checked, false, false, false, List.of());
  }

  /**
   * The same settings with the repositories found at {@code location} instead ({@code
   * host[:port][/namespace]}).
   */
  public RegistryRoute withLocation(String location) {
    if (prefix.startsWith("*.")) {
      throw new IllegalArgumentException("a wildcard prefix cannot have a location: " + prefix);
    }
    return new RegistryRoute(
        prefix,
        Location.check(location, "location"),
        insecure,
        blocked,
        mirrorByDigestOnly,
        mirrors);
  }

  /** The same settings with these mirrors, tried in order before the location. */
  public RegistryRoute withMirrors(Mirror... mirrors) {
    return withMirrors(List.of(mirrors));
  }

  /** The same settings with these mirrors, tried in order before the location. */
  public RegistryRoute withMirrors(List<Mirror> mirrors) {
    List<Mirror> all = new ArrayList<>(this.mirrors);
    all.addAll(mirrors);
    return new RegistryRoute(prefix, location, insecure, blocked, mirrorByDigestOnly, all);
  }

  /** The same settings spoken to over plain HTTP ({@code insecure = true}). */
  public RegistryRoute insecure() {
    return new RegistryRoute(prefix, location, true, blocked, mirrorByDigestOnly, mirrors);
  }

  /** The same settings, refusing every request ({@code blocked = true}). */
  public RegistryRoute blocked() {
    return new RegistryRoute(prefix, location, insecure, true, mirrorByDigestOnly, mirrors);
  }

  /**
   * The same settings with mirrors used only for pulls by digest ({@code mirror-by-digest-only =
   * true}).
   */
  public RegistryRoute mirrorByDigestOnly() {
    return new RegistryRoute(prefix, location, insecure, blocked, true, mirrors);
  }

  /** The prefix. */
  public String prefix() {
    return prefix;
  }

  /**
   * Where the repositories are ({@code host[:port][/namespace]}); the prefix unless rewritten,
   * empty for a wildcard.
   */
  public String location() {
    return location;
  }

  /** Whether it is spoken to over plain HTTP. */
  public boolean isInsecure() {
    return insecure;
  }

  /** Whether every request is refused. */
  public boolean isBlocked() {
    return blocked;
  }

  /** Whether mirrors serve pulls by digest only, whatever their own {@link Mirror#pullFrom()}. */
  public boolean isMirrorByDigestOnly() {
    return mirrorByDigestOnly;
  }

  /** The mirrors, in the order they are tried. */
  public List<Mirror> mirrors() {
    return mirrors;
  }

  /** Whether the route applies to {@code repository}. */
  boolean matches(Repository repository) {
    return Location.matches(prefix, repository);
  }

  /** Whether this is a wildcard route ({@code *.example.com}) matching {@code registry}'s host. */
  boolean matchesHostOf(Registry registry) {
    return Location.matchesHost(prefix, registry);
  }

  /** How much of a name the prefix covers: the longest matching prefix wins. */
  int specificity() {
    return prefix.startsWith("*.") ? prefix.length() - 2 : prefix.length() + 1_000_000;
  }

  /** {@code repository} at this route's location. */
  Repository primary(Repository repository) {
    return prefix.startsWith("*.") || location.equals(prefix)
        ? repository
        : Location.rewrite(repository, prefix, location);
  }

  /**
   * {@code repository} at {@code mirror}: the prefix replaced by the mirror's location, as for the
   * primary.
   */
  Repository at(Mirror mirror, Repository repository) {
    return prefix.startsWith("*.")
        ? Location.at(mirror.location(), repository.path())
        : Location.rewrite(repository, prefix, mirror.location());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryRoute
        && ((RegistryRoute) o).prefix.equals(prefix)
        && ((RegistryRoute) o).location.equals(location)
        && ((RegistryRoute) o).insecure == insecure
        && ((RegistryRoute) o).blocked == blocked
        && ((RegistryRoute) o).mirrorByDigestOnly == mirrorByDigestOnly
        && ((RegistryRoute) o).mirrors.equals(mirrors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefix, location, insecure, blocked, mirrorByDigestOnly, mirrors);
  }

  @Override
  public String toString() {
    return "[[registry]] prefix="
        + prefix
        + (location.equals(prefix) ? "" : " location=" + location)
        + (insecure ? " insecure" : "")
        + (blocked ? " blocked" : "")
        + (mirrorByDigestOnly ? " mirror-by-digest-only" : "")
        + (mirrors.isEmpty() ? "" : " mirrors=" + mirrors);
  }
}
