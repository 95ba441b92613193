package dev.registrykit.client.registries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfigTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @TempDir Path dir;

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static List<String> sources(RegistriesConfig config, String reference) {
    return config.pullSources(ImageReference.parse(reference)).stream()
        .map(PullSource::toString)
        .toList();
  }

  @Test
  void parse_everyVersion2Key() throws IOException {
    Path conf =
        write(
            "registries.conf",
            """
        unqualified-search-registries = ["registry.fedoraproject.org", "docker.io"]
        short-name-mode = "enforcing"

        [[registry]]
        prefix = "docker.io"
        location = "docker.io"
        mirror-by-digest-only = false

        [[registry.mirror]]
        location = "mirror.gcr.io"

        [[registry.mirror]]
        location = "cache.internal:5000/hub"
        insecure = true
        pull-from-mirror = "digest-only"

        [[registry]]
        location = "registry.internal:5000"
        insecure = true

        [[registry]]
        prefix = "*.evil.example"
        blocked = true

        [aliases]
        "fedora" = "registry.fedoraproject.org/fedora"
        """);

    RegistriesConfig config = RegistriesConfig.parse(conf);

    assertThat(config.unqualifiedSearchRegistries())
        .containsExactly("registry.fedoraproject.org", "docker.io");
    assertThat(config.sources()).containsExactly(conf);
    assertThat(config.routes()).hasSize(3);
    RegistryRoute hub = config.routes().get(0);
    assertThat(hub.mirrors())
        .containsExactly(
            Mirror.of("mirror.gcr.io"),
            Mirror.of("cache.internal:5000/hub").insecure().pullFrom(Mirror.PullFrom.DIGEST_ONLY));
    assertThat(sources(config, "alpine:3.19"))
        .containsExactly("mirror.gcr.io/library/alpine (mirror)", "docker.io/library/alpine");
    assertThat(sources(config, "alpine@" + DIGEST))
        .containsExactly(
            "mirror.gcr.io/library/alpine (mirror)",
            "cache.internal:5000/hub/library/alpine (mirror)",
            "docker.io/library/alpine");
    assertThat(
            config
                .routeFor(Repository.parse("registry.internal:5000/app"))
                .map(RegistryRoute::isInsecure))
        .contains(true);
    assertThat(sources(config, "a.evil.example/x:1")).isEmpty();
    assertThat(config.pushTarget(Repository.parse("a.evil.example/x"))).isEmpty();
    assertThat(sources(config, "quay.io/team/app:1")).containsExactly("quay.io/team/app");
  }

  @Test
  void prefixRewrite_longestPrefixWinsAndMatchesAtPathBoundaries() throws IOException {
    RegistriesConfig config =
        RegistriesConfig.parse(
            write(
                "registries.conf",
                """
        [[registry]]
        prefix = "example.com"
        location = "fallback.internal"

        [[registry]]
        prefix = "example.com/foo"
        location = "internal.registry/bar"
        mirror-by-digest-only = true
        [[registry.mirror]]
        location = "mirror.internal/foo"
        """));

    assertThat(sources(config, "example.com/foo/app:1"))
        .containsExactly("internal.registry/bar/app");
    assertThat(sources(config, "example.com/foo/app@" + DIGEST))
        .containsExactly("mirror.internal/foo/app (mirror)", "internal.registry/bar/app");
    assertThat(sources(config, "example.com/foobar/app:1"))
        .containsExactly("fallback.internal/foobar/app");
    assertThat(config.pushTarget(Repository.parse("example.com/foo/app")))
        .contains(Repository.parse("internal.registry/bar/app"));
  }

  @Test
  void parse_version1Format_refusedWithAHint() throws IOException {
    Path conf = write("registries.conf", "[registries.search]\nregistries = ['docker.io']\n");

    assertThatThrownBy(() -> RegistriesConfig.parse(conf))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("version 1")
        .hasMessageContaining(conf.toString());
  }

  @Test
  void parse_badInput_typedErrorsNamingTheFile() throws IOException {
    assertThatThrownBy(() -> RegistriesConfig.parse(write("a.conf", "[[registry]\nprefix=")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("not valid TOML");
    assertThatThrownBy(
            () ->
                RegistriesConfig.parse(
                    write("b.conf", "[[registry]]\nprefix = \"x.io\"\ninsecure = \"yes\"\n")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("insecure must be true or false");
    assertThatThrownBy(
            () ->
                RegistriesConfig.parse(
                    write("c.conf", "[[registry]]\nlocation = \"https://x.io\"\n")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("host[:port][/namespace]");
    assertThatThrownBy(
            () ->
                RegistriesConfig.parse(
                    write(
                        "d.conf",
                        "[[registry]]\nprefix = \"x.io\"\n[[registry.mirror]]\nlocation = \"m.io\"\npull-from-mirror = \"sometimes\"\n")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("pull-from-mirror");
    assertThatThrownBy(
            () ->
                RegistriesConfig.parse(
                    write(
                        "e.conf",
                        "[[registry]]\nprefix = \"x.io\"\n[[registry]]\nprefix = \"x.io\"\n")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("two [[registry]] tables");
    assertThatThrownBy(() -> RegistriesConfig.parse(dir.resolve("missing.conf")))
        .isInstanceOf(RegistriesConfigException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void daemonJson_registryMirrors_mirrorDockerHubOnly() throws IOException {
    RegistriesConfig config =
        RegistriesConfig.parseDaemonJson(
            write(
                "daemon.json",
                "{\"registry-mirrors\": [\"https://mirror.gcr.io\", \"http://cache.internal:5000/\"], \"debug\": true}"));

    assertThat(sources(config, "alpine:3.19"))
        .containsExactly(
            "mirror.gcr.io/library/alpine (mirror)",
            "cache.internal:5000/library/alpine (mirror)",
            "docker.io/library/alpine");
    assertThat(config.routes().get(0).mirrors().get(1).isInsecure()).isTrue();
    assertThat(sources(config, "quay.io/a/b:1")).containsExactly("quay.io/a/b");
  }

  @Test
  void load_precedence_userFileOverSystem_dropInsOverBoth_daemonJsonLast() throws IOException {
    Path home = dir.resolve("home");
    Path root = dir.resolve("root");
    write(
        "root/etc/containers/registries.conf",
        "[[registry]]\nprefix = \"quay.io\"\nblocked = true\n");
    write(
        "home/.config/containers/registries.conf",
        "unqualified-search-registries = [\"quay.io\"]\n[[registry]]\nprefix = \"ghcr.io\"\ninsecure = true\n");
    write(
        "root/etc/containers/registries.conf.d/10-ghcr.conf",
        "[[registry]]\nprefix = \"ghcr.io\"\n[[registry.mirror]]\nlocation = \"ghcr-cache.internal\"\n");
    write("root/etc/docker/daemon.json", "{\"registry-mirrors\": [\"https://mirror.gcr.io\"]}");

    RegistriesConfig config = RegistriesConfig.load(Map.of(), home, root);

    assertThat(config.unqualifiedSearchRegistries()).containsExactly("quay.io");
    // The user's file replaces the system file: quay.io is not blocked.
    assertThat(sources(config, "quay.io/a/b:1")).containsExactly("quay.io/a/b");
    // The drop-in replaces the user file's ghcr.io table.
    assertThat(sources(config, "ghcr.io/a/b:1"))
        .containsExactly("ghcr-cache.internal/a/b (mirror)", "ghcr.io/a/b");
    assertThat(config.routeFor(Repository.parse("ghcr.io/a/b")).get().isInsecure()).isFalse();
    assertThat(sources(config, "alpine:1"))
        .containsExactly("mirror.gcr.io/library/alpine (mirror)", "docker.io/library/alpine");
  }

  @Test
  void load_registriesConfCoveringDockerHub_winsOverDaemonJson() throws IOException {
    Path root = dir.resolve("root");
    write(
        "root/etc/containers/registries.conf",
        "[[registry]]\nprefix = \"docker.io\"\n[[registry.mirror]]\nlocation = \"containers-mirror.internal\"\n");
    write(
        "root/etc/docker/daemon.json",
        "{\"registry-mirrors\": [\"https://docker-mirror.internal\"]}");

    assertThat(sources(RegistriesConfig.load(Map.of(), dir.resolve("home"), root), "alpine:1"))
        .containsExactly(
            "containers-mirror.internal/library/alpine (mirror)", "docker.io/library/alpine");
  }

  @Test
  void load_environmentVariable_namesTheOnlyFile() throws IOException {
    Path root = dir.resolve("root");
    write(
        "root/etc/containers/registries.conf",
        "[[registry]]\nprefix = \"quay.io\"\nblocked = true\n");
    Path mine = write("mine.conf", "[[registry]]\nprefix = \"ghcr.io\"\nblocked = true\n");

    RegistriesConfig config =
        RegistriesConfig.load(
            Map.of("CONTAINERS_REGISTRIES_CONF", mine.toString()), dir.resolve("home"), root);

    assertThat(config.sources()).containsExactly(mine);
    assertThat(sources(config, "quay.io/a/b:1")).containsExactly("quay.io/a/b");
    assertThat(sources(config, "ghcr.io/a/b:1")).isEmpty();
  }

  @Test
  void with_codeOverridesTheFiles() throws IOException {
    RegistriesConfig files =
        RegistriesConfig.parse(
            write("r.conf", "[[registry]]\nprefix = \"docker.io\"\nblocked = true\n"));

    RegistriesConfig config =
        files.with(RegistryRoute.of("docker.io").withMirrors(Mirror.of("mirror.gcr.io")));

    assertThat(sources(config, "alpine:1"))
        .containsExactly("mirror.gcr.io/library/alpine (mirror)", "docker.io/library/alpine");
    assertThat(config.sources()).containsExactly(dir.resolve("r.conf"));
  }
}
