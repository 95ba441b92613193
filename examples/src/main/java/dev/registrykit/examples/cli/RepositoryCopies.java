package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.sync.RepositorySync;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.text.UntrustedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Whole-repository copies for {@code copy --all-tags} and {@code sync}: one line per tag, then the
 * counts.
 */
final class RepositoryCopies {
  private RepositoryCopies() {}

  /** One source repository to one destination repository. */
  record Mapping(
      Repository source,
      Repository destination,
      Optional<Pattern> tags,
      Optional<ReferrerFilter> referrers) {}

  /** {@code v1: copied sha256:…}. */
  static RepositorySync.Summary run(Invocation invocation, Mapping mapping) throws IOException {
    RepositorySync.Options options = RepositorySync.Options.DEFAULTS;
    if (mapping.tags().isPresent()) {
      options = options.withTags(mapping.tags().get());
    }
    if (mapping.referrers().isPresent()) {
      options = options.withReferrers(mapping.referrers().get());
    }
    invocation
        .console()
        .status("Syncing " + mapping.source().name() + " to " + mapping.destination().name());
    if (invocation.creds().isPresent()
        && !mapping.source().registry().equals(mapping.destination().registry())) {
      // One password for two registries would reach the one it was not meant for.
      throw new UsageException(
          "--creds is ambiguous when copying between two registries ("
              + mapping.source().registry()
              + ", "
              + mapping.destination().registry()
              + "): use --src-creds and --dest-creds, or credentials in the Docker config");
    }
    try (RegistryClient reader =
            Registries.client(invocation.access("src"), List.of(mapping.source().registry()));
        RegistryClient writer =
            Registries.client(
                invocation.access("dest"), List.of(mapping.destination().registry()))) {
      RepositorySync.Summary summary =
          RepositorySync.copyTags(
              reader,
              mapping.source(),
              writer,
              mapping.destination(),
              options,
              r -> print(invocation, r));
      invocation
          .console()
          .out()
          .println(
              mapping.source().name() + " -> " + mapping.destination().name() + ": " + summary);
      return summary;
    }
  }

  /** {@code copy --all-tags SOURCE oci:DIR}: the same lines and counts, into a layout. */
  static RepositorySync.Summary toLayout(
      Invocation invocation, Repository source, Path layout, Optional<Pattern> tags)
      throws IOException {
    RepositorySync.Options options = RepositorySync.Options.DEFAULTS;
    if (tags.isPresent()) {
      options = options.withTags(tags.get());
    }
    invocation.console().status("Copying " + source.name() + " to oci:" + layout);
    try (RegistryClient reader =
        Registries.client(invocation.access("src"), List.of(source.registry()))) {
      RepositorySync.Summary summary =
          RepositorySync.copyTagsToLayout(
              reader, source, layout, options, r -> print(invocation, r));
      invocation.console().out().println(source.name() + " -> oci:" + layout + ": " + summary);
      return summary;
    }
  }

  private static void print(Invocation invocation, RepositorySync.TagResult r) {
    invocation
        .console()
        .out()
        .println(
            r.tag()
                + ": "
                + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + r.digest().map(d -> " " + d).orElse("")
                // An error can quote the registry: escaped before it reaches a terminal.
                + r.error().map(e -> " (" + UntrustedText.display(e) + ")").orElse(""));
  }

  /** Throws, for exit code 1, when any tag failed. */
  static void failIfAny(int failed, int total) throws IOException {
    if (failed > 0) {
      throw new IOException(
          failed + " of " + total + (total == 1 ? " tag" : " tags") + " failed to copy");
    }
  }

  static Pattern tagPattern(String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new UsageException("not a regular expression: " + e.getDescription() + ": " + regex);
    }
  }
}
