package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The big table: Docker normalization facts (distribution/reference's {@code reference_test.go} and
 * {@code normalize_test.go}, expressed for {@code ParseNormalizedNamed}), plus our own corner
 * cases.
 */
class ImageReferenceTest {
  private static final String HEX64 = "f".repeat(64);
  private static final String SHA256 = "sha256:" + HEX64;
  private static final String SHA512 = "sha512:" + "f".repeat(128);
  private static final String REDIS_DIGEST =
      "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

  /**
   * A valid input and what it normalizes to.
   *
   * @param description why the case is here
   * @param input what is parsed
   * @param registry expected {@code registry()}
   * @param path expected {@code repository()}
   * @param tag expected tag, or null
   * @param digest expected digest, or null
   * @param familiar expected {@code familiar()}
   */
  record Valid(
      String description,
      String input,
      String registry,
      String path,
      String tag,
      String digest,
      String familiar) {
    String full() {
      return registry
          + "/"
          + path
          + (tag == null ? "" : ":" + tag)
          + (digest == null ? "" : "@" + digest);
    }

    @Override
    public String toString() {
      return description + ": " + (input.length() > 60 ? input.substring(0, 60) + "…" : input);
    }
  }

  static Valid valid(
      String description,
      String input,
      String registry,
      String path,
      String tag,
      String digest,
      String familiar) {
    return new Valid(description, input, registry, path, tag, digest, familiar);
  }

  static Stream<Valid> validCases() {
    return Stream.of(
        // Docker tutorial names
        valid("official image", "alpine", "docker.io", "library/alpine", null, null, "alpine"),
        valid(
            "official image with tag",
            "alpine:3.19",
            "docker.io",
            "library/alpine",
            "3.19",
            null,
            "alpine:3.19"),
        valid(
            "user repository",
            "zavy86/figlet",
            "docker.io",
            "zavy86/figlet",
            null,
            null,
            "zavy86/figlet"),
        valid(
            "localhost with port",
            "localhost:5000/figlet",
            "localhost:5000",
            "figlet",
            null,
            null,
            "localhost:5000/figlet"),
        valid(
            "registry with port and nested path",
            "registry.tld:1234/repository/image",
            "registry.tld:1234",
            "repository/image",
            null,
            null,
            "registry.tld:1234/repository/image"),
        // docker.io and index.docker.io prefixes
        valid(
            "docker.io prefix, official",
            "docker.io/debian",
            "docker.io",
            "library/debian",
            null,
            null,
            "debian"),
        valid(
            "docker.io prefix, library",
            "docker.io/library/debian",
            "docker.io",
            "library/debian",
            null,
            null,
            "debian"),
        valid(
            "docker.io prefix, user",
            "docker.io/docker/docker",
            "docker.io",
            "docker/docker",
            null,
            null,
            "docker/docker"),
        valid(
            "index.docker.io prefix, official",
            "index.docker.io/debian",
            "docker.io",
            "library/debian",
            null,
            null,
            "debian"),
        valid(
            "index.docker.io prefix, library",
            "index.docker.io/library/debian",
            "docker.io",
            "library/debian",
            null,
            null,
            "debian"),
        valid(
            "index.docker.io prefix, user",
            "index.docker.io/docker/docker",
            "docker.io",
            "docker/docker",
            null,
            null,
            "docker/docker"),
        valid(
            "library namespace written out",
            "library/debian",
            "docker.io",
            "library/debian",
            null,
            null,
            "debian"),
        valid(
            "nested library path keeps library/",
            "library/foo/bar",
            "docker.io",
            "library/foo/bar",
            null,
            null,
            "library/foo/bar"),
        valid(
            "nested path on Docker Hub",
            "store/foo/bar",
            "docker.io",
            "store/foo/bar",
            null,
            null,
            "store/foo/bar"),
        valid(
            "path component named library",
            "other/library",
            "docker.io",
            "other/library",
            null,
            null,
            "other/library"),
        valid(
            "dotted official name",
            "ubuntu-12.04-base",
            "docker.io",
            "library/ubuntu-12.04-base",
            null,
            null,
            "ubuntu-12.04-base"),
        // what counts as a registry
        valid(
            "first component without . or : is a namespace",
            "test_com/foo",
            "docker.io",
            "test_com/foo",
            null,
            null,
            "test_com/foo"),
        valid(
            "dash-only first component is a namespace",
            "docker/migrator",
            "docker.io",
            "docker/migrator",
            null,
            null,
            "docker/migrator"),
        valid(
            "dot makes a registry", "test.com/foo", "test.com", "foo", null, null, "test.com/foo"),
        valid(
            "colon makes a registry",
            "test:5000/repo",
            "test:5000",
            "repo",
            null,
            null,
            "test:5000/repo"),
        valid(
            "dash and port",
            "test-com:8080/foo",
            "test-com:8080",
            "foo",
            null,
            null,
            "test-com:8080/foo"),
        valid(
            "localhost without port",
            "localhost/foo",
            "localhost",
            "foo",
            null,
            null,
            "localhost/foo"),
        valid(
            "uppercase first component is a registry",
            "Foo/bar",
            "Foo",
            "bar",
            null,
            null,
            "Foo/bar"),
        valid("all-uppercase registry", "FOO/bar", "FOO", "bar", null, null, "FOO/bar"),
        valid("Docker/docker", "Docker/docker", "Docker", "docker", null, null, "Docker/docker"),
        valid(
            "punycode registry and tag",
            "xn--n3h.com/myimage:xn--n3h.com",
            "xn--n3h.com",
            "myimage",
            "xn--n3h.com",
            null,
            "xn--n3h.com/myimage:xn--n3h.com"),
        valid(
            "punycode with sha512",
            "xn--7o8h.com/myimage:xn--7o8h.com@" + SHA512,
            "xn--7o8h.com",
            "myimage",
            "xn--7o8h.com",
            SHA512,
            "xn--7o8h.com/myimage:xn--7o8h.com@" + SHA512),
        valid(
            "subdomains and deep path",
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
            "sub-dom1.foo.com",
            "bar/baz/quux",
            "some-long-tag",
            null,
            "sub-dom1.foo.com/bar/baz/quux:some-long-tag"),
        valid(
            "dots in path and tag",
            "b.gcr.io/test.example.com/my-app:test.example.com",
            "b.gcr.io",
            "test.example.com/my-app",
            "test.example.com",
            null,
            "b.gcr.io/test.example.com/my-app:test.example.com"),
        // single component: a port-looking suffix is a tag
        valid(
            "host:port without slash is name:tag",
            "localhost:5000",
            "docker.io",
            "library/localhost",
            "5000",
            null,
            "localhost:5000"),
        valid(
            "dotted single name with tag",
            "test.com:5000",
            "docker.io",
            "library/test.com",
            "5000",
            null,
            "test.com:5000"),
        valid(
            "underscore single name",
            "test_com",
            "docker.io",
            "library/test_com",
            null,
            null,
            "test_com"),
        valid(
            "underscore single name with port-like tag",
            "foo_bar.com:8080",
            "docker.io",
            "library/foo_bar.com",
            "8080",
            null,
            "foo_bar.com:8080"),
        valid(
            "namespace then dotted name",
            "foo/foo_bar.com:8080",
            "docker.io",
            "foo/foo_bar.com",
            "8080",
            null,
            "foo/foo_bar.com:8080"),
        valid(
            "IPv4 alone is a name",
            "192.168.1.1",
            "docker.io",
            "library/192.168.1.1",
            null,
            null,
            "192.168.1.1"),
        valid(
            "IPv4 alone with tag",
            "192.168.1.1:tag",
            "docker.io",
            "library/192.168.1.1",
            "tag",
            null,
            "192.168.1.1:tag"),
        valid(
            "IPv4 registry",
            "192.168.1.1/repo",
            "192.168.1.1",
            "repo",
            null,
            null,
            "192.168.1.1/repo"),
        valid(
            "IPv4 registry with port and tag",
            "192.168.1.1:5000/repo:5050",
            "192.168.1.1:5000",
            "repo",
            "5050",
            null,
            "192.168.1.1:5000/repo:5050"),
        valid(
            "loopback registry",
            "127.0.0.1:5000/library/debian",
            "127.0.0.1:5000",
            "library/debian",
            null,
            null,
            "127.0.0.1:5000/library/debian"),
        valid(
            "one-digit port",
            "192.168.0.1:8/debian",
            "192.168.0.1:8",
            "debian",
            null,
            null,
            "192.168.0.1:8/debian"),
        // IPv6
        valid(
            "IPv6 registry",
            "[2001:db8::1]/repo",
            "[2001:db8::1]",
            "repo",
            null,
            null,
            "[2001:db8::1]/repo"),
        valid(
            "full IPv6 registry",
            "[2001:db8:1:2:3:4:5:6]/repo:tag",
            "[2001:db8:1:2:3:4:5:6]",
            "repo",
            "tag",
            null,
            "[2001:db8:1:2:3:4:5:6]/repo:tag"),
        valid(
            "IPv6 with port",
            "[2001:db8::1]:5000/repo",
            "[2001:db8::1]:5000",
            "repo",
            null,
            null,
            "[2001:db8::1]:5000/repo"),
        valid(
            "IPv6 with port, tag and digest",
            "[2001:db8::1]:5000/repo:tag@" + SHA256,
            "[2001:db8::1]:5000",
            "repo",
            "tag",
            SHA256,
            "[2001:db8::1]:5000/repo:tag@" + SHA256),
        valid(
            "IPv6 ending in ::",
            "[2001:db8::]:5000/repo",
            "[2001:db8::]:5000",
            "repo",
            null,
            null,
            "[2001:db8::]:5000/repo"),
        valid(
            "IPv6 loopback",
            "[::1]:5000/repo",
            "[::1]:5000",
            "repo",
            null,
            null,
            "[::1]:5000/repo"),
        valid(
            "IPv6 fc00",
            "[fc00::1]:5000/docker/docker",
            "[fc00::1]:5000",
            "docker/docker",
            null,
            null,
            "[fc00::1]:5000/docker/docker"),
        // tags and digests
        valid(
            "uppercase tag",
            "lowercase:Uppercase",
            "docker.io",
            "library/lowercase",
            "Uppercase",
            null,
            "lowercase:Uppercase"),
        valid(
            "digest only",
            "redis@" + REDIS_DIGEST,
            "docker.io",
            "library/redis",
            null,
            REDIS_DIGEST,
            "redis@" + REDIS_DIGEST),
        valid(
            "tag and digest both kept",
            "busybox:latest@" + REDIS_DIGEST,
            "docker.io",
            "library/busybox",
            "latest",
            REDIS_DIGEST,
            "busybox:latest@" + REDIS_DIGEST),
        valid(
            "registry, tag and digest",
            "test:5000/repo:tag@" + SHA256,
            "test:5000",
            "repo",
            "tag",
            SHA256,
            "test:5000/repo:tag@" + SHA256),
        valid(
            "128-character tag",
            "foo:" + "t".repeat(128),
            "docker.io",
            "library/foo",
            "t".repeat(128),
            null,
            "foo:" + "t".repeat(128)),
        valid("underscore-led tag", "foo:_x", "docker.io", "library/foo", "_x", null, "foo:_x"),
        // path grammar
        valid(
            "multiple dashes",
            "docker---rules/docker",
            "docker.io",
            "docker---rules/docker",
            null,
            null,
            "docker---rules/docker"),
        valid(
            "double underscore",
            "dock__er/docker",
            "docker.io",
            "dock__er/docker",
            null,
            null,
            "dock__er/docker"),
        valid(
            "single-character components",
            "d/docker",
            "docker.io",
            "d/docker",
            null,
            null,
            "d/docker"),
        valid(
            "64 characters, not all hex",
            "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
            "docker.io",
            "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev",
            null,
            null,
            "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev"),
        valid(
            "63 hex characters is a name",
            HEX64.substring(1),
            "docker.io",
            "library/" + HEX64.substring(1),
            null,
            null,
            HEX64.substring(1)),
        valid(
            "64 hex with docker.io prefix is a name",
            "docker.io/" + HEX64,
            "docker.io",
            "library/" + HEX64,
            null,
            null,
            "library/" + HEX64),
        valid(
            "64 hex with tag is a name",
            HEX64 + ":v1",
            "docker.io",
            "library/" + HEX64,
            "v1",
            null,
            HEX64 + ":v1"),
        valid(
            "path of exactly 255 characters",
            "a/".repeat(127) + "a:tag-puts-this-over-max",
            "docker.io",
            "a/".repeat(127) + "a",
            "tag-puts-this-over-max",
            null,
            "a/".repeat(127) + "a:tag-puts-this-over-max"),
        valid(
            "long registry host does not count",
            "h".repeat(300) + ".com/" + "a".repeat(255),
            "h".repeat(300) + ".com",
            "a".repeat(255),
            null,
            null,
            "h".repeat(300) + ".com/" + "a".repeat(255)),
        // familiar form keeps docker.io where dropping it would change the meaning
        valid(
            "Docker Hub path starting with a dotted component",
            "docker.io/foo.bar/baz",
            "docker.io",
            "foo.bar/baz",
            null,
            null,
            "docker.io/foo.bar/baz"),
        valid(
            "Docker Hub path starting with localhost",
            "docker.io/localhost/x",
            "docker.io",
            "localhost/x",
            null,
            null,
            "docker.io/localhost/x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void parse_validInput_normalizesLikeDocker(Valid c) {
    ImageReference ref = ImageReference.parse(c.input());

    assertThat(ref.registry()).hasToString(c.registry());
    assertThat(ref.repository().path()).isEqualTo(c.path());
    assertThat(ref.repository()).hasToString(c.path());
    assertThat(Repository.parse(ref.repository().name())).isEqualTo(ref.repository());
    assertThat(ref.tag().map(Tag::toString)).isEqualTo(Optional.ofNullable(c.tag()));
    assertThat(ref.digest().map(Digest::toString)).isEqualTo(Optional.ofNullable(c.digest()));
    assertThat(ref).hasToString(c.full());
    assertThat(ref.familiar()).isEqualTo(c.familiar());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void parse_fullAndFamiliarForms_giveTheSameReference(Valid c) {
    ImageReference ref = ImageReference.parse(c.input());

    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
    assertThat(ImageReference.parseStrict(ref.toString())).isEqualTo(ref);
  }

  record Invalid(String description, String input, Reason reason) {
    @Override
    public String toString() {
      return description + ": " + (input.length() > 60 ? input.substring(0, 60) + "…" : input);
    }
  }

  static Invalid invalid(String description, String input, Reason reason) {
    return new Invalid(description, input, reason);
  }

  static Stream<Invalid> invalidCases() {
    return Stream.of(
        invalid("empty", "", Reason.NAME_EMPTY),
        invalid(
            "bare 64-hex identifier",
            "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a",
            Reason.NAME_IS_IMAGE_ID),
        invalid("tag only", ":justtag", Reason.NAME_EMPTY),
        invalid("digest only", "@" + SHA256, Reason.NAME_EMPTY),
        invalid("registry only", "localhost/", Reason.NAME_EMPTY),
        invalid("short digest", "repo@sha256:" + "f".repeat(34), Reason.DIGEST_INVALID),
        invalid(
            "unsupported digest algorithm",
            "validname@invaliddigest:" + HEX64,
            Reason.DIGEST_INVALID),
        invalid("uppercase digest hex", "repo@sha256:" + "F".repeat(64), Reason.DIGEST_INVALID),
        invalid("empty digest", "repo@", Reason.DIGEST_INVALID),
        invalid("uppercase official name", "Uppercase:tag", Reason.NAME_UPPERCASE),
        invalid(
            "uppercase after registry", "test:5000/Uppercase/lowercase:tag", Reason.NAME_UPPERCASE),
        invalid("uppercase in second component", "docker/Docker", Reason.NAME_UPPERCASE),
        invalid("uppercase after docker.io", "docker.io/docker/Docker", Reason.NAME_UPPERCASE),
        invalid("path of 256 characters", "a/".repeat(128) + "a:tag", Reason.NAME_TOO_LONG),
        invalid("official path over 255 with library/", "a".repeat(248), Reason.NAME_TOO_LONG),
        invalid(
            "long namespace",
            "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_".repeat(4)
                + "/docker",
            Reason.NAME_TOO_LONG),
        invalid("dollar signs", "aa/asdf$$^/aa", Reason.INVALID_FORMAT),
        invalid("URL", "https://github.com/docker/docker", Reason.REGISTRY_INVALID),
        invalid("leading dash", "-docker", Reason.INVALID_FORMAT),
        invalid("leading dash with namespace", "-docker/docker", Reason.INVALID_FORMAT),
        invalid("leading dash in registry", "-docker.io/docker/docker", Reason.REGISTRY_INVALID),
        invalid("trailing dash in namespace", "docker-/docker", Reason.INVALID_FORMAT),
        invalid("empty components", "docker///docker", Reason.INVALID_FORMAT),
        invalid(
            "empty components after docker.io", "docker.io/docker///docker", Reason.INVALID_FORMAT),
        invalid("underscores only", "____/____", Reason.INVALID_FORMAT),
        invalid("leading underscore", "_docker/_docker", Reason.INVALID_FORMAT),
        invalid(
            "consecutive periods (a dotted first component is a registry)",
            "dock..er/docker",
            Reason.REGISTRY_INVALID),
        invalid(
            "underscore then period (a dotted first component is a registry)",
            "dock_.er/docker",
            Reason.REGISTRY_INVALID),
        invalid(
            "dash then period (a dotted first component is a registry)",
            "dock-.er/docker",
            Reason.REGISTRY_INVALID),
        invalid("triple underscore", "a___b", Reason.INVALID_FORMAT),
        invalid("no repository", "docker/", Reason.INVALID_FORMAT),
        invalid("IPv6 alone", "[fc00::1]", Reason.INVALID_FORMAT),
        invalid("IPv6 with port alone", "[2001:db8::1]:5000", Reason.INVALID_FORMAT),
        invalid("IPv6 with tag alone", "[2001:db8::1]:tag", Reason.INVALID_FORMAT),
        invalid("IPv6 without brackets", "fc00::1:5000/debian", Reason.REGISTRY_INVALID),
        invalid("IPv6 zone", "[fe80::1%eth0]:5000/repo", Reason.REGISTRY_INVALID),
        invalid("IPv6 zone with @", "[fe80::1%@invalidzone]:5000/repo", Reason.REGISTRY_INVALID),
        invalid(
            "IPv4 inside IPv6", "[2001:db8:3:4::192.0.2.33]:5000/debian", Reason.REGISTRY_INVALID),
        invalid(
            "non-numeric port", "private.registry:port/namespace/test:1", Reason.REGISTRY_INVALID),
        invalid("empty port", "localhost:/foo", Reason.REGISTRY_INVALID),
        invalid("registry label ending in dash", "a-.com/foo", Reason.REGISTRY_INVALID),
        invalid("underscore in dotted registry", "a_b.c/foo", Reason.REGISTRY_INVALID),
        invalid("two tags", "private.registry:5000/namespace/test:image:1", Reason.TAG_INVALID),
        invalid("empty tag", "foo:", Reason.TAG_INVALID),
        invalid("tag starting with dash", "foo:-x", Reason.TAG_INVALID),
        invalid("tag starting with period", "foo:.x", Reason.TAG_INVALID),
        invalid("129-character tag", "foo:" + "t".repeat(129), Reason.TAG_INVALID),
        invalid("space", "test image:1", Reason.INVALID_FORMAT),
        invalid("trailing newline", "alpine\n", Reason.INVALID_FORMAT),
        invalid("trailing newline after tag", "alpine:3.19\n", Reason.TAG_INVALID),
        invalid("trailing newline after digest", "alpine@" + SHA256 + "\n", Reason.DIGEST_INVALID),
        invalid("leading space", " alpine", Reason.INVALID_FORMAT),
        invalid("@ in registry", "private@registry:5000/test", Reason.REGISTRY_INVALID),
        invalid("non-ASCII letter", "alpïne", Reason.INVALID_FORMAT),
        invalid("colons only", "::", Reason.NAME_EMPTY),
        invalid("scheme", "docker://quay.io/library/foo:bar", Reason.REGISTRY_INVALID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void parse_invalidInput_throwsWithReason(Invalid c) {
    assertThatThrownBy(() -> ImageReference.parse(c.input()))
        .isInstanceOf(InvalidReferenceException.class)
        .satisfies(e -> assertThat(((InvalidReferenceException) e).reason()).isEqualTo(c.reason()));
    assertThat(ImageReference.tryParse(c.input())).isEmpty();
  }

  @Test
  void parse_uppercaseName_messageNamesReasonAndPart() {
    assertThatThrownBy(() -> ImageReference.parse("Foo"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessage("repository name must be lowercase: \"Foo\"");
  }

  @Test
  void parse_badCharacter_messageGivesPosition() {
    assertThatThrownBy(() -> ImageReference.parse("foo/bar!"))
        .hasMessage(
            "invalid repository name: unexpected character '!' at position 7 in \"foo/bar!\"");
  }

  @Test
  void parse_trailingNewline_messageEscapesIt() {
    assertThatThrownBy(() -> ImageReference.parse("alpine\n"))
        .hasMessage(
            "invalid repository name: unexpected character '\\n' at position 6 in \"alpine\\n\"");
  }

  @Test
  void parse_hugeInput_messageIsShort() {
    assertThatThrownBy(() -> ImageReference.parse("a".repeat(100_000) + "!"))
        .isInstanceOf(InvalidReferenceException.class)
        .satisfies(
            e -> assertThat(e.getMessage()).hasSizeLessThan(300).contains("(100001 characters)"));
  }

  @Test
  void parse_badDigest_messageNamesDigestProblem() {
    assertThatThrownBy(() -> ImageReference.parse("repo@sha256:abc"))
        .hasMessageStartingWith("invalid digest after '@' at position 4: ")
        .hasMessageContaining("64 hex characters");
  }

  @Test
  void parse_tooLong_messageGivesLength() {
    assertThatThrownBy(() -> ImageReference.parse("a/".repeat(128) + "a"))
        .hasMessageStartingWith(
            "repository name must not be longer than 255 characters, found 257: ");
  }

  @Test
  void parse_null_throwsNullPointerException() {
    assertThatThrownBy(() -> ImageReference.parse(null)).isInstanceOf(NullPointerException.class);
    assertThat(ImageReference.tryParse(null)).isEmpty();
  }

  @Test
  void parseStrict_canonicalInput_parses() {
    ImageReference ref = ImageReference.parseStrict("docker.io/library/alpine:3.19");

    assertThat(ref).isEqualTo(ImageReference.parse("alpine:3.19"));
  }

  @Test
  void parseStrict_familiarInput_throwsNotCanonical() {
    for (String input :
        new String[] {
          "alpine", "docker.io/alpine", "index.docker.io/library/alpine", "zavy86/figlet"
        }) {
      assertThatThrownBy(() -> ImageReference.parseStrict(input))
          .isInstanceOf(InvalidReferenceException.class)
          .hasMessageContaining("canonical")
          .satisfies(
              e ->
                  assertThat(((InvalidReferenceException) e).reason())
                      .isEqualTo(Reason.NAME_NOT_CANONICAL));
    }
  }

  @Test
  void parseStrict_invalidInput_throwsOriginalReason() {
    assertThatThrownBy(() -> ImageReference.parseStrict("docker.io/library/Alpine"))
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.NAME_UPPERCASE));
  }

  @Test
  void withTag_onDigestReference_keepsBoth() {
    ImageReference ref = ImageReference.parse("alpine@" + REDIS_DIGEST);

    assertThat(ref.withTag("3.19")).hasToString("docker.io/library/alpine:3.19@" + REDIS_DIGEST);
    assertThat(ref.withTag(Tag.parse("3.19")).withoutTag()).isEqualTo(ref);
  }

  @Test
  void withTag_invalidTag_throws() {
    assertThatThrownBy(() -> ImageReference.parse("alpine").withTag("-x"))
        .isInstanceOf(InvalidReferenceException.class);
  }

  @Test
  void withDigest_onTaggedReference_keepsTag() {
    ImageReference ref = ImageReference.parse("alpine:3.19").withDigest(Digest.parse(REDIS_DIGEST));

    assertThat(ref).hasToString("docker.io/library/alpine:3.19@" + REDIS_DIGEST);
    assertThat(ref.withoutDigest()).isEqualTo(ImageReference.parse("alpine:3.19"));
    assertThat(ref.familiar()).isEqualTo("alpine:3.19@" + REDIS_DIGEST);
  }

  @Test
  void withDefaultTag_noTagNoDigest_addsLatest() {
    assertThat(ImageReference.parse("alpine").withDefaultTag())
        .hasToString("docker.io/library/alpine:latest");
  }

  @Test
  void withDefaultTag_tagOrDigestPresent_unchanged() {
    ImageReference tagged = ImageReference.parse("alpine:3.19");
    ImageReference pinned = ImageReference.parse("alpine@" + REDIS_DIGEST);

    assertThat(tagged.withDefaultTag()).isSameAs(tagged);
    assertThat(pinned.withDefaultTag()).isSameAs(pinned);
  }

  @Test
  void identifier_prefersDigestThenTagThenLatest() {
    assertThat(ImageReference.parse("alpine").identifier()).isEqualTo("latest");
    assertThat(ImageReference.parse("alpine:3.19").identifier()).isEqualTo("3.19");
    assertThat(ImageReference.parse("alpine:3.19@" + REDIS_DIGEST).identifier())
        .isEqualTo(REDIS_DIGEST);
  }

  @Test
  void name_isFullRepositoryName() {
    assertThat(ImageReference.parse("alpine:3.19").name()).isEqualTo("docker.io/library/alpine");
  }

  @Test
  void of_typedComponents_buildsReference() {
    Repository repository = Repository.of(Registry.parse("localhost:5000"), "figlet");

    assertThat(ImageReference.of(repository, Tag.LATEST))
        .hasToString("localhost:5000/figlet:latest");
    assertThat(ImageReference.of(repository, Digest.parse(REDIS_DIGEST)))
        .isEqualTo(ImageReference.parse("localhost:5000/figlet@" + REDIS_DIGEST));
    assertThat(repository.tag(Tag.parse("v1")))
        .isEqualTo(ImageReference.parse("localhost:5000/figlet:v1"));
  }

  @Test
  void equals_sameNormalizedReference_equalAndSameHash() {
    ImageReference a = ImageReference.parse("alpine");
    ImageReference b = ImageReference.parse("index.docker.io/library/alpine");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ImageReference.parse("alpine:latest"));
  }
}
