package dev.registrykit.examples.cli;

import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.sync.RepositorySync;
import dev.registrykit.core.reference.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code registrykit sync FILE}: the repositories a YAML or JSON file lists, tag by tag,
 * idempotent.
 */
final class SyncCommand implements Command {
  /** YAML reads JSON too (JSON is YAML's flow style). */
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final long MAX_FILE_BYTES = 1024 * 1024;
  private static final Set<String> FIELDS =
      Set.of("source", "destination", "tags", "referrers", "artifactTypes");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "sync",
        "FILE",
        "Copies the repositories FILE lists, skipping tags the destination has.",
        """
        FILE (YAML or JSON) lists source and destination repositories, as regsync and skopeo sync
        take them:

          sync:
            - source: registry.example.com/team/app
              destination: localhost:5000/mirror/app
              tags: '^v[0-9]+\\.[0-9]+$'   # optional: tags in which this regex finds a match
              referrers: true              # optional: signatures, SBOMs… too
              artifactTypes: [application/spdx+json]   # optional: only these referrers

        A tag whose digest the destination already has is skipped without moving a blob, so a
        second run moves nothing, and an interrupted run picks up where it stopped. One line per
        tag (copied, skipped or failed), a summary per repository; a failed tag does not stop the
        others, and the exit code is 1 when any failed.""",
        List.of(),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    List<RepositoryCopies.Mapping> mappings = parse(Path.of(invocation.positional(0)));
    int failed = 0;
    int total = 0;
    for (RepositoryCopies.Mapping mapping : mappings) {
      RepositorySync.Summary summary = RepositoryCopies.run(invocation, mapping);
      failed += summary.failed();
      total += summary.copied() + summary.skipped() + summary.failed();
    }
    RepositoryCopies.failIfAny(failed, total);
  }

  static List<RepositoryCopies.Mapping> parse(Path file) throws Exception {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new UsageException(
          file + " is larger than " + MAX_FILE_BYTES + " bytes; not a sync file");
    }
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new UsageException(file + " is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    JsonNode list = root != null && root.isObject() ? root.get("sync") : root;
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new UsageException(file + " must hold a non-empty list under \"sync\"");
    }
    List<RepositoryCopies.Mapping> mappings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      String where = file + ": sync[" + i + "]";
      if (!entry.isObject()) {
        throw new UsageException(where + " is not a mapping");
      }
      for (String name : entry.propertyNames()) {
        if (!FIELDS.contains(name)) {
          throw new UsageException(
              where
                  + " has an unknown field \""
                  + name
                  + "\"; known: "
                  + new java.util.TreeSet<>(FIELDS));
        }
      }
      Repository source = Repository.parse(text(entry, "source", where));
      Repository destination = Repository.parse(text(entry, "destination", where));
      Optional<java.util.regex.Pattern> tags =
          entry.has("tags")
              ? Optional.of(RepositoryCopies.tagPattern(text(entry, "tags", where)))
              : Optional.empty();
      List<String> types = new ArrayList<>();
      if (entry.has("artifactTypes")) {
        JsonNode array = entry.get("artifactTypes");
        if (!array.isArray()) {
          throw new UsageException(where + ": artifactTypes must be a list");
        }
        array.forEach(t -> types.add(t.asString()));
      }
      boolean referrers =
          entry.has("referrers") && entry.get("referrers").asBoolean() || !types.isEmpty();
      mappings.add(
          new RepositoryCopies.Mapping(
              source,
              destination,
              tags,
              referrers ? Optional.of(ReferrerFilter.artifactTypes(types)) : Optional.empty()));
    }
    return mappings;
  }

  private static String text(JsonNode entry, String field, String where) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isString() || node.asString().isBlank()) {
      throw new UsageException(where + ": \"" + field + "\" must be a non-empty string");
    }
    return node.asString();
  }
}
