package dev.registrykit.examples.cli;

import dev.registrykit.client.referrers.ReferrerFilter;
import java.util.ArrayList;
import java.util.List;

/** The options that choose referrers, shared by {@code referrers} and {@code copy --referrers}. */
final class ReferrerOptions {
  private ReferrerOptions() {}

  static final OptionSpec ARTIFACT_TYPE =
      OptionSpec.value(
          "artifact-type",
          "TYPE[,TYPE…]",
          "only referrers of these artifact types (e.g. application/spdx+json)");

  static final OptionSpec NO_COSIGN_TAGS =
      OptionSpec.flag(
          "no-cosign-tags",
          "ignore cosign's sha256-<hex>.sig/.att/.sbom tags; the referrers API only");

  /** The filter the options describe: every referrer unless narrowed. */
  static ReferrerFilter filter(Invocation invocation) {
    List<String> types = new ArrayList<>();
    for (String type : invocation.args().value("artifact-type").orElse("").split(",")) {
      if (!type.isBlank()) {
        types.add(type.strip());
      }
    }
    if (invocation.args().value("artifact-type").isPresent() && types.isEmpty()) {
      throw new UsageException("--artifact-type needs at least one media type");
    }
    ReferrerFilter filter = ReferrerFilter.artifactTypes(types);
    return invocation.args().has("no-cosign-tags") ? filter.withoutCosignTags() : filter;
  }
}
