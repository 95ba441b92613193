package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.Endpoint;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses a request path once into a {@link Route} (ggcr re-splits the path in every handler; this
 * does it once).
 *
 * <p>The repository name is matched greedily, so a repository whose last component is {@code blobs}
 * or {@code manifests} still routes: {@code /v2/a/blobs/blobs/<digest>} is a blob of {@code
 * a/blobs}.
 */
final class RouteParser {
  /** The spec's {@code <name>} grammar (distribution-spec "Pulling manifests"). */
  static final Pattern NAME =
      Pattern.compile(
          "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");

  /** The spec's tag grammar. */
  static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  static final int MAX_NAME_LENGTH = 255;

  private static final Pattern REPOSITORY_ROUTE =
      Pattern.compile(
          "^/v2/(.+)/(?:(blobs/uploads)/?([^/]*)|blobs/([^/]+)|manifests/([^/]+)|(tags/list)|referrers/([^/]+))$");

  private RouteParser() {}

  /**
   * Parses a request.
   *
   * @param method the HTTP method
   * @param path the decoded path, starting with {@code /}
   * @param url the query parameters
   * @param tokenEndpoint whether {@code /token} is served (token auth)
   */
  static Route parse(String method, String path, Query url, boolean tokenEndpoint) {
    if (path.equals("/v2") || path.equals("/v2/")) {
      return simple(
          method, path, url, method.equals("GET") || method.equals("HEAD") ? Endpoint.END_1 : null);
    }
    if (path.equals("/v2/_catalog")) {
      return simple(method, path, url, method.equals("GET") ? Endpoint.CATALOG : null);
    }
    if (tokenEndpoint && path.equals("/token")) {
      return simple(
          method, path, url, method.equals("GET") || method.equals("POST") ? Endpoint.TOKEN : null);
    }
    if (path.length() > 4096) {
      return new Route(Optional.empty(), method, path, url, Optional.empty(), "", false);
    }
    Matcher m = REPOSITORY_ROUTE.matcher(path);
    if (!m.matches()) {
      return new Route(Optional.empty(), method, path, url, Optional.empty(), "", false);
    }
    String repository = m.group(1);
    @Nullable Endpoint endpoint;
    String parameter;
    if (m.group(2) != null) {
      parameter = m.group(3);
      endpoint = parameter.isEmpty() ? uploadStart(method, url) : uploadSession(method);
    } else if (m.group(4) != null) {
      parameter = m.group(4);
      endpoint = blob(method);
    } else if (m.group(5) != null) {
      parameter = m.group(5);
      endpoint = manifest(method, url);
    } else if (m.group(6) != null) {
      parameter = "";
      endpoint =
          !method.equals("GET")
              ? null
              : url.has("n") || url.has("last") ? Endpoint.END_8B : Endpoint.END_8A;
    } else {
      parameter = m.group(7);
      endpoint =
          !method.equals("GET")
              ? null
              : url.has("artifactType") ? Endpoint.END_12B : Endpoint.END_12A;
    }
    return new Route(
        Optional.ofNullable(endpoint), method, path, url, Optional.of(repository), parameter, true);
  }

  static boolean validName(String repository) {
    return repository.length() <= MAX_NAME_LENGTH && NAME.matcher(repository).matches();
  }

  static boolean validTag(String tag) {
    return tag.length() <= 128 && TAG.matcher(tag).matches();
  }

  private static Route simple(String method, String path, Query url, @Nullable Endpoint endpoint) {
    return new Route(Optional.ofNullable(endpoint), method, path, url, Optional.empty(), "", true);
  }

  private static @Nullable Endpoint uploadStart(String method, Query url) {
    if (!method.equals("POST")) {
      return null;
    }
    if (url.has("mount")) {
      return Endpoint.END_11;
    }
    if (url.has("digest")) {
      return Endpoint.END_4B;
    }
    if (url.has("digest-algorithm")) {
      return Endpoint.END_4C;
    }
    return Endpoint.END_4A;
  }

  private static @Nullable Endpoint uploadSession(String method) {
    switch (method) {
      case "PATCH":
        return Endpoint.END_5;
      case "PUT":
        return Endpoint.END_6;
      case "GET":
        return Endpoint.END_13;
      case "DELETE":
        return Endpoint.END_14;
      default:
        return null;
    }
  }

  private static @Nullable Endpoint blob(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
        return Endpoint.END_2;
      case "DELETE":
        return Endpoint.END_10;
      default:
        return null;
    }
  }

  private static @Nullable Endpoint manifest(String method, Query url) {
    switch (method) {
      case "GET":
      case "HEAD":
        return Endpoint.END_3;
      case "PUT":
        return url.has("tag") ? Endpoint.END_7B : Endpoint.END_7A;
      case "DELETE":
        return Endpoint.END_9;
      default:
        return null;
    }
  }
}
