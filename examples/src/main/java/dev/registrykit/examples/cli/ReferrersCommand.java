package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.Referrer;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.text.UntrustedText;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code registrykit referrers REFERENCE}: signatures, SBOMs and other artifacts of an image, as a
 * tree or JSON.
 */
final class ReferrersCommand implements Command {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final OptionSpec FORMAT =
      OptionSpec.value("format", "tree|json", "output format (default tree)");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "referrers",
        "REFERENCE",
        "Lists what refers to an image: signatures, SBOMs, attestations, recursively.",
        """
        Follows the OCI referrers API (or its fallback tag sha256-<hex> on registries without it)
        and cosign's tags sha256-<hex>.sig, .att and .sbom, then what refers to each of those. For
        an index, the referrers of each platform image are listed too. Each line shows the digest,
        the artifact type and, for a cosign tag, the tag. --format json prints one JSON document:
        {"subject": DIGEST, "referrers": [{"digest", "mediaType", "size", "artifactType",
        "subject", "cosignTag", "annotations", "referrers": [...]}]}.
        """
            + Console.JSON_OUTPUT_HELP,
        List.of(ReferrerOptions.ARTIFACT_TYPE, ReferrerOptions.NO_COSIGN_TAGS, FORMAT),
        1,
        1,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    String format = invocation.args().value("format").orElse("tree");
    if (!format.equals("tree") && !format.equals("json")) {
      throw new UsageException("--format must be tree or json: " + format);
    }
    ImageReference image = RemoteCommands.reference(invocation.positional(0));
    try (RegistryClient client = RemoteCommands.client(invocation, image)) {
      Digest subject = client.getManifest(image).digest();
      List<Referrer> referrers =
          ImageReferrers.list(
              client, image.withDigest(subject), ReferrerOptions.filter(invocation));
      PrintStream out = invocation.console().out();
      if (format.equals("json")) {
        ObjectNode root = JSON.createObjectNode();
        root.put("subject", subject.toString());
        addAll(root.putArray("referrers"), referrers);
        invocation.console().printJson(Bytes.ofUtf8(JSON.writeValueAsString(root)));
        return;
      }
      out.println(image.withoutDigest().familiar() + "@" + subject);
      // Referrers of an index's platform images hang under that image's digest.
      Map<Digest, List<Referrer>> bySubject = new LinkedHashMap<>();
      for (Referrer r : referrers) {
        bySubject.computeIfAbsent(r.subject(), k -> new java.util.ArrayList<>()).add(r);
      }
      List<Referrer> direct = bySubject.getOrDefault(subject, List.of());
      bySubject.remove(subject);
      int groups = direct.size() + bySubject.size();
      int i = 0;
      for (Referrer r : direct) {
        print(out, r, "", ++i == groups);
      }
      for (Map.Entry<Digest, List<Referrer>> platformImage : bySubject.entrySet()) {
        boolean last = ++i == groups;
        out.println((last ? "└── " : "├── ") + platformImage.getKey() + "  (image in the index)");
        printChildren(out, platformImage.getValue(), last ? "    " : "│   ");
      }
    }
  }

  private static void print(PrintStream out, Referrer r, String indent, boolean last) {
    out.println(
        indent
            + (last ? "└── " : "├── ")
            + r.digest()
            + "  "
            // The artifact type is the registry's text: escaped before it reaches a terminal.
            + UntrustedText.display(r.artifactType())
            + r.cosignTag().map(t -> "  (tag " + t + ")").orElse(""));
    printChildren(out, r.referrers(), indent + (last ? "    " : "│   "));
  }

  private static void printChildren(PrintStream out, List<Referrer> children, String indent) {
    for (int i = 0; i < children.size(); i++) {
      print(out, children.get(i), indent, i == children.size() - 1);
    }
  }

  private static void addAll(ArrayNode array, List<Referrer> referrers) {
    for (Referrer r : referrers) {
      ObjectNode node = array.addObject();
      node.put("digest", r.digest().toString());
      node.put("mediaType", r.descriptor().mediaType().value());
      node.put("size", r.descriptor().size());
      node.put("artifactType", r.artifactType());
      node.put("subject", r.subject().toString());
      r.cosignTag().ifPresent(t -> node.put("cosignTag", t.toString()));
      ObjectNode annotations = node.putObject("annotations");
      r.descriptor().annotations().forEach(annotations::put);
      addAll(node.putArray("referrers"), r.referrers());
    }
  }
}
