package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.TagStore;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Docker registry tutorial, in Java: what {@code registrykit tutorial} prints.
 *
 * <p>Each step shows the {@code docker} command it mirrors ({@code $ docker …}) and then what the
 * library does and prints in its place: the names, a reproducible build of {@code figlet} on an
 * {@code alpine}-like base, a second tag with the same IMAGE ID, a push to a registry (the embedded
 * fake on a free port, or {@code --registry}) in which the base layer is mounted rather than sent
 * again, and a pull that verifies every digest. The images are built here, reproducibly, so every
 * digest is the same on every run and every machine.
 */
final class Tutorial {
  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Invocation invocation;
  private final PrintStream out;

  Tutorial(Invocation invocation) {
    this.invocation = Objects.requireNonNull(invocation, "invocation");
    this.out = invocation.console().out();
  }

  void run() throws Exception {
    out.println(
        "RegistryKit tutorial: the registry chapter of the Docker tutorial, in Java (no Docker needed).");
    names();
    Path work = Files.createTempDirectory("registrykit-tutorial");
    try {
      TutorialImages images = build(work);
      tagAndList(images);
      Optional<String> external = invocation.args().value("registry");
      if (external.isPresent()) {
        Registry registry = Registry.parse(external.get());
        section("3. Push to a private registry", "yours, at " + registry);
        pushAndPull(registry, images);
      } else {
        section("3. Run a private registry and push", "the embedded fake registry");
        command("docker run -d -p 5000:5000 registry:2");
        try (FakeRegistry fake = FakeRegistry.builder().start()) {
          out.println(
              "Started the embedded fake registry (registry-testkit) on "
                  + fake.registry()
                  + ", a free local port.");
          pushAndPull(fake.registry(), images);
        }
      }
    } finally {
      TutorialImages.deleteTree(work);
    }
    out.println();
    out.println(
        "Done: built, tagged, pushed (base layer mounted, not re-sent) and pulled back, every digest verified.");
  }

  // The chapter starts with naming: docker completes short names with docker.io and library/.
  private void names() {
    section("Image names", "how docker reads a name before it talks to any registry");
    for (String name :
        List.of(
            "alpine",
            "zavy86/figlet",
            "localhost:5000/figlet",
            "registry.tld:1234/repository/image")) {
      ImageReference ref = ImageReference.parse(name);
      out.printf(
          "%-36s registry %-18s repository %-18s full name %s%n",
          name, ref.registry(), ref.repository().path(), ref);
    }
  }

  private TutorialImages build(Path work) throws IOException {
    section("1. Build the images", "reproducibly: same files, same digests, on any machine");
    TutorialImages images = TutorialImages.build(work);
    command("docker build -t alpine alpine/");
    out.println("Step 1/2 : ADD alpine-rootfs /");
    out.println(
        " ---> layer "
            + images.baseLayer().digest()
            + " ("
            + images.baseLayer().size()
            + " bytes, gzip)");
    out.println("Step 2/2 : CMD [\"/bin/sh\"]");
    out.println("Successfully built " + images.base().id().shortForm());
    out.println("Successfully tagged alpine:latest");
    command("docker build -t figlet .");
    out.println("Step 1/4 : FROM alpine");
    out.println(" ---> " + images.base().id().shortForm());
    out.println("Step 2/4 : COPY figlet /");
    out.println(
        " ---> layer "
            + images.figletLayer().digest()
            + " ("
            + images.figletLayer().size()
            + " bytes, gzip)");
    out.println("Step 3/4 : ENTRYPOINT [\"figlet\"]");
    out.println("Step 4/4 : CMD [\"hello world\"]");
    out.println("Successfully built " + images.figlet().id().shortForm());
    out.println("Successfully tagged figlet:latest");
    out.println(
        "IMAGE ID "
            + images.figlet().id().shortForm()
            + " is the start of "
            + images.figlet().id()
            + ", the digest of the image's config.");
    return images;
  }

  private void tagAndList(TutorialImages images) throws IOException {
    section("2. Tag it for Docker Hub", "one image, two names");
    TagStore store = new TagStore();
    store.tag(ImageReference.parse("alpine:latest"), images.base());
    store.tag(ImageReference.parse("figlet:latest"), images.figlet());
    command("docker tag figlet zavy86/figlet");
    store.tag(ImageReference.parse("zavy86/figlet:latest"), ImageReference.parse("figlet:latest"));
    command("docker image ls");
    Instant now = Instant.now();
    List<List<String>> rows = new ArrayList<>();
    for (TagStore.Row row : store.list()) {
      Image image = store.image(row.imageId()).orElseThrow();
      rows.add(
          List.of(
              row.repository(),
              row.tag(),
              row.imageId().shortForm(),
              row.created().map(c -> DockerText.ago(c, now)).orElse("N/A"),
              HumanSize.of(TutorialImages.size(image), 3)));
    }
    DockerText.table(List.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"), rows)
        .forEach(out::println);
    out.println(
        "figlet and zavy86/figlet have the same IMAGE ID: a tag is a label pointing at an image.");
  }

  private void pushAndPull(Registry registry, TutorialImages images) throws IOException {
    ImageReference alpine = ImageReference.parse(registry + "/library/alpine");
    ImageReference figlet = ImageReference.parse(registry + "/figlet");
    try (RegistryClient client =
        RegistryClient.builder()
            .transport(ApacheHttpTransport.create())
            .plainHttp(registry)
            .userAgent("registrykit-tutorial/0.1")
            .build()) {
      out.println("(The base goes first, as docker pull alpine would have put it there.)");
      command("docker tag alpine " + alpine.familiar());
      command("docker push " + alpine.familiar());
      push(client, images.base(), alpine, List.of());
      command("docker tag figlet " + figlet.familiar());
      command("docker push " + figlet.familiar());
      PushResult pushed = push(client, images.figlet(), figlet, List.of(alpine));
      pull(client, figlet.withDefaultTag(), images.figlet(), pushed);
    }
  }

  private PushResult push(
      RegistryClient client, Image image, ImageReference target, List<ImageReference> mountFrom)
      throws IOException {
    PushPrinter printer =
        new PushPrinter(invocation.console(), Set.of(image.manifest().config().digest()));
    printer.start(target, true);
    TransferOptions options =
        TransferOptions.defaults()
            .withListener(printer.listener())
            .withMountFrom(
                mountFrom.stream().map(ImageReference::repository).toArray(Repository[]::new));
    PushResult result = Remote.push(client, image, target.withDefaultTag(), options);
    printer.finish(result);
    return result;
  }

  private void pull(RegistryClient client, ImageReference ref, Image local, PushResult pushed)
      throws IOException {
    section("4. Pull it back", "and verify every digest");
    command("docker pull " + ref.withoutTag().familiar());
    out.println("Using default tag: latest");
    out.println(ref.tag().orElse(Tag.LATEST) + ": Pulling from " + ref.repository().path());
    Image remote = Remote.image(client, ref, Platform.LINUX_AMD64);
    // Reads every layer and the config through digest-verifying streams; checks the manifest,
    // the config's diff_ids and the sizes against each other.
    ImageValidator.validate(remote);
    for (Layer layer : remote.layers()) {
      out.println(layer.digest().shortHex() + ": Pull complete");
    }
    Digest digest = remote.digest();
    out.println("Digest: " + digest);
    out.println("Status: Downloaded newer image for " + ref.familiar());
    check(digest.equals(pushed.manifestDigest()), "manifest digest differs from the one pushed");
    check(digest.equals(local.digest()), "manifest digest differs from the local image's");
    check(remote.id().equals(local.id()), "image ID differs from the local image's");
    List<String> layerDigests = new ArrayList<>();
    for (Descriptor d : remote.manifest().layers()) {
      layerDigests.add(d.digest().shortHex());
    }
    out.println(
        "Verified: manifest "
            + digest.shortHex()
            + " as pushed, IMAGE ID "
            + remote.id().shortForm()
            + " as built, layers "
            + String.join(", ", layerDigests)
            + " and the config match their digests and diff_ids.");
    command("registrykit manifest " + ref.familiar());
    JsonNode tree = PRETTY.readTree(remote.rawManifest().bytes().toByteArray());
    out.println(PRETTY.writeValueAsString(tree));
    out.println(
        "(indented for reading: the registry stores these "
            + remote.rawManifest().size()
            + " bytes without spaces, and "
            + digest
            + " is their sha256)");
    command("registrykit tags " + ref.withoutTag().familiar());
    client.listTags(ref.repository()).stream().map(Tag::toString).sorted().forEach(out::println);
  }

  private static void check(boolean ok, String problem) throws IOException {
    if (!ok) {
      throw new IOException("tutorial check failed: " + problem);
    }
  }

  private void command(String line) {
    out.println("$ " + line);
  }

  private void section(String title, String subtitle) {
    out.println();
    out.println("== " + title + " (" + subtitle + ")");
  }
}
