package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.Referrer;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.client.sync.RepositorySync;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code registrykit copy SOURCE DESTINATION}: an image or index from one place to another. */
final class CopyCommand implements Command {
  static final OptionSpec ALL_TAGS =
      OptionSpec.flag(
          "all-tags", "SOURCE and DESTINATION are repositories: copy every tag (see --tags)");
  static final OptionSpec TAGS =
      OptionSpec.value(
          "tags", "REGEX", "with --all-tags: only the tags in which REGEX finds a match");
  static final OptionSpec REFERRERS =
      OptionSpec.flag(
          "referrers", "also copy signatures, SBOMs and other referrers (registry to registry)");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "copy",
        "SOURCE DESTINATION",
        "Copies an image or index between registries, OCI layouts and docker-save archives.",
        """
        SOURCE and DESTINATION are each a registry reference (HOST[:PORT]/NAME[:TAG|@DIGEST],
        optionally prefixed docker://), an OCI image layout directory oci:DIR[:TAG], or a docker
        save archive docker-archive:FILE. Between registries blobs stream without touching the disk
        (mounted instead on the same registry); blobs the destination has are skipped. Manifests
        are copied byte for byte, so digests stay the same, except into a docker-archive, which
        keeps the image ID (config digest) but stores Docker's own manifest. --platform picks one
        image of a multi-platform index (a docker-archive needs one image). --referrers (between
        registries) also copies everything that refers to the image, recursively: OCI referrers
        (listed at the destination through its referrers API or the fallback tag) and cosign's
        sha256-<hex>.sig/.att/.sbom tags; --artifact-type narrows them, as for `referrers`.
        --all-tags SOURCE_REPOSITORY DESTINATION_REPOSITORY copies every tag (or those --tags
        REGEX finds a match in) between registries, skipping tags the destination has at the same
        digest: a line per tag (copied, skipped, failed), then the counts; a failed tag does not
        stop the others, and the exit code is 1 when any failed. --all-tags SOURCE_REPOSITORY
        oci:DIR copies them into an OCI layout instead: one index.json entry per tag
        (org.opencontainers.image.ref.name), each blob stored once, tags the layout names at the
        same digest skipped.

        Each side of the copy may be reached its own way, as with skopeo: --src-creds and
        --dest-creds give each registry its own credentials (--creds alone is refused between two
        registries: one password would reach both), --src-tls-verify=false and
        --dest-tls-verify=false turn TLS verification off (or allow plain HTTP) on one side only,
        --src-cert-dir and --dest-cert-dir trust CA certificates for one side. Where a per-side
        option is missing, --creds, --insecure and --cert-dir apply.""",
        List.of(
            RemoteCommands.PLATFORM,
            REFERRERS,
            ReferrerOptions.ARTIFACT_TYPE,
            ReferrerOptions.NO_COSIGN_TAGS,
            ALL_TAGS,
            TAGS,
            OptionSpec.value("src-creds", "USER:PASS", "credentials for the source registry"),
            OptionSpec.value("dest-creds", "USER:PASS", "credentials for the destination registry"),
            OptionSpec.value(
                "src-tls-verify",
                "BOOL",
                "false: no TLS verification, or plain HTTP, for the source"),
            OptionSpec.value(
                "dest-tls-verify",
                "BOOL",
                "false: no TLS verification, or plain HTTP, for the destination"),
            OptionSpec.value(
                "src-cert-dir", "DIR", "trust the CA certificates (*.crt) in DIR for the source"),
            OptionSpec.value(
                "dest-cert-dir",
                "DIR",
                "trust the CA certificates (*.crt) in DIR for the destination")),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    if (invocation.args().has("all-tags")) {
      allTags(invocation);
      return;
    }
    if (invocation.args().value("tags").isPresent()) {
      throw new UsageException("--tags goes with --all-tags");
    }
    ImageLocation source = ImageLocation.parse(invocation.positional(0));
    ImageLocation destination = ImageLocation.parse(invocation.positional(1));
    boolean referrers = invocation.args().has("referrers");
    if (referrers
        && !(source instanceof ImageLocation.Remote
            && destination instanceof ImageLocation.Remote)) {
      throw new UsageException("--referrers copies between registries only");
    }
    new Transfers(
            invocation, invocation.args().value("platform").map(RemoteCommands::parsePlatform))
        .copy(source, destination);
    if (referrers) {
      ImageReference from = ((ImageLocation.Remote) source).reference().withDefaultTag();
      ImageReference to = ((ImageLocation.Remote) destination).reference().withDefaultTag();
      // One client per side, as for the image: each side's credentials reach its registry only.
      try (RegistryClient reader =
              Registries.client(invocation.access("src"), List.of(from.registry()));
          RegistryClient writer =
              Registries.client(invocation.access("dest"), List.of(to.registry()))) {
        List<Referrer> copied =
            ImageReferrers.copyReferrers(
                reader,
                from,
                writer,
                to,
                TransferOptions.defaults(),
                ReferrerOptions.filter(invocation));
        int count = copied.stream().mapToInt(r -> r.flatten().size()).sum();
        invocation.console().status("Copied " + count + (count == 1 ? " referrer" : " referrers"));
      }
    }
  }

  private static void allTags(Invocation invocation) throws Exception {
    Repository source = Repository.parse(stripScheme(invocation.positional(0)));
    Optional<Pattern> tags = invocation.args().value("tags").map(RepositoryCopies::tagPattern);
    if (invocation.positional(1).startsWith("oci:")) {
      if (invocation.args().has("referrers")) {
        throw new UsageException("--referrers copies between registries only");
      }
      Path layout = Path.of(invocation.positional(1).substring("oci:".length()));
      if (layout.toString().isEmpty()) {
        throw new UsageException("oci: needs a directory: oci:DIR");
      }
      RepositorySync.Summary summary = RepositoryCopies.toLayout(invocation, source, layout, tags);
      RepositoryCopies.failIfAny(
          summary.failed(), summary.copied() + summary.skipped() + summary.failed());
      return;
    }
    Repository destination = Repository.parse(stripScheme(invocation.positional(1)));
    Optional<ReferrerFilter> referrers =
        invocation.args().has("referrers")
            ? Optional.of(ReferrerOptions.filter(invocation))
            : Optional.empty();
    RepositorySync.Summary summary =
        RepositoryCopies.run(
            invocation, new RepositoryCopies.Mapping(source, destination, tags, referrers));
    RepositoryCopies.failIfAny(
        summary.failed(), summary.copied() + summary.skipped() + summary.failed());
  }

  private static String stripScheme(String repository) {
    if (repository.startsWith("oci:") || repository.startsWith("docker-archive:")) {
      throw new UsageException(
          "--all-tags copies from a registry to a registry or an OCI layout (oci:DIR): "
              + repository);
    }
    return repository.startsWith("docker://")
        ? repository.substring("docker://".length())
        : repository;
  }
}
