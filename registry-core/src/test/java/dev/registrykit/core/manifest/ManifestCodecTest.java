package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.InvalidManifestException.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestCodecTest {

  // Digests computed with sha256sum over the fixture files, independently of this library.
  static Stream<Arguments> goldenFiles() {
    return Stream.of(
        Arguments.of(
            "oci-manifest.json",
            MediaType.OCI_IMAGE_MANIFEST,
            "cb778403cd689cda6d1e37575ad5b195508fc1fb18fa7880b37b62365b6c724e"),
        Arguments.of(
            "oci-index.json",
            MediaType.OCI_IMAGE_INDEX,
            "5a047fd877fa3db2111a334015b7b74a4db31520c72db7810400ea3e47732be8"),
        Arguments.of(
            "docker-manifest.json",
            MediaType.DOCKER_MANIFEST_V2,
            "c3c6476c315cc38608127f5da9aac3ddb1273149d6ddee8a8e11824eabfb0ac4"),
        Arguments.of(
            "docker-manifest-list.json",
            MediaType.DOCKER_MANIFEST_LIST,
            "d3025a01a672a5e101f42b6d2260f6d3b39346e62f602d7201a3ec195c95bd71"),
        Arguments.of(
            "artifact-manifest.json",
            MediaType.OCI_IMAGE_MANIFEST,
            "4a8fba857d59f5a16000198f5d47f933ab5d35e34a85343d7a47038905522218"),
        Arguments.of(
            "unknown-fields-manifest.json",
            MediaType.OCI_IMAGE_MANIFEST,
            "b16d943ed3590fd1f8da7be8b8e88e8095b5b5f6459e121f51037dfde928c01e"),
        Arguments.of(
            "canonical/oci-manifest.json",
            MediaType.OCI_IMAGE_MANIFEST,
            "7af19b1668cb9eedbd074fa10acfb8667e661ea656694861ba09d6b08320c7c7"),
        Arguments.of(
            "canonical/docker-manifest.json",
            MediaType.DOCKER_MANIFEST_V2,
            "6c3d20358e355a4746142578fb8de1ecdc10c13f9069007af95fcc964236c9da"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  void parse_goldenFile_keepsExactBytesAndDigest(String file, MediaType type, String sha256)
      throws Exception {
    Bytes bytes = Fixtures.load(file);
    RawManifest raw = new RawManifest(bytes, type);

    Manifest parsed = ManifestCodec.parse(raw);

    assertThat(raw.bytes()).isEqualTo(bytes);
    assertThat(raw.digest()).isEqualTo(Digest.parse("sha256:" + sha256));
    assertThat(raw.size()).isEqualTo(bytes.size());
    assertThat(parsed.effectiveMediaType()).isEqualTo(type);
    assertThat(RawManifest.of(bytes).mediaType()).isEqualTo(type);
  }

  static Stream<Arguments> canonicalFiles() {
    return Stream.of(
        Arguments.of("oci-manifest", MediaType.OCI_IMAGE_MANIFEST),
        Arguments.of("oci-index", MediaType.OCI_IMAGE_INDEX),
        Arguments.of("docker-manifest", MediaType.DOCKER_MANIFEST_V2),
        Arguments.of("docker-manifest-list", MediaType.DOCKER_MANIFEST_LIST),
        Arguments.of("artifact-manifest", MediaType.OCI_IMAGE_MANIFEST),
        Arguments.of("unknown-fields-manifest", MediaType.OCI_IMAGE_MANIFEST));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonicalFiles")
  void encode_parsedCanonicalFile_reproducesBytesExactly(String name, MediaType type)
      throws Exception {
    Bytes canonical = Fixtures.load("canonical/" + name + ".json");

    RawManifest encoded =
        ManifestCodec.encode(ManifestCodec.parse(new RawManifest(canonical, type)));

    assertThat(encoded.bytes().utf8()).isEqualTo(canonical.utf8());
    assertThat(encoded.digest()).isEqualTo(canonical.sha256());
    assertThat(encoded.mediaType()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("canonicalFiles")
  void encode_prettyFile_equalsCanonicalForm(String name, MediaType type) throws Exception {
    Manifest pretty = ManifestCodec.parse(new RawManifest(Fixtures.load(name + ".json"), type));
    Manifest canonical =
        ManifestCodec.parse(new RawManifest(Fixtures.load("canonical/" + name + ".json"), type));

    assertThat(pretty).isEqualTo(canonical);
    assertThat(ManifestCodec.encode(pretty).bytes())
        .isEqualTo(Fixtures.load("canonical/" + name + ".json"));
  }

  @Test
  void parse_ociManifest_readsEveryField() throws Exception {
    ImageManifest m =
        ManifestCodec.parseImageManifest(
            new RawManifest(Fixtures.load("oci-manifest.json"), MediaType.OCI_IMAGE_MANIFEST));

    assertThat(m.schemaVersion()).isEqualTo(2);
    assertThat(m.mediaType()).contains(MediaType.OCI_IMAGE_MANIFEST);
    assertThat(m.config().mediaType()).isEqualTo(MediaType.OCI_CONFIG);
    assertThat(m.config().digest())
        .hasToString("sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7");
    assertThat(m.config().size()).isEqualTo(7023);
    assertThat(m.layers()).extracting(Descriptor::size).containsExactly(32654L, 16724L, 73109L);
    assertThat(m.layers())
        .allSatisfy(d -> assertThat(d.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP));
    assertThat(m.subject()).map(Descriptor::size).contains(7682L);
    assertThat(m.annotations())
        .containsExactly(
            Map.entry("com.example.key1", "value1"), Map.entry("com.example.key2", "value2"));
    assertThat(m.unknownFields().isEmpty()).isTrue();
    assertThat(m.isDocker()).isFalse();
    assertThat(m.references()).hasSize(4).first().isEqualTo(m.config());
  }

  @Test
  void parse_dockerManifest_keepsForeignLayerUrls() throws Exception {
    ImageManifest m =
        ManifestCodec.parseImageManifest(
            new RawManifest(Fixtures.load("docker-manifest.json"), MediaType.DOCKER_MANIFEST_V2));

    assertThat(m.isDocker()).isTrue();
    assertThat(m.config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
    Descriptor foreign = m.layers().get(2);
    assertThat(foreign.mediaType()).isEqualTo(MediaType.DOCKER_FOREIGN_LAYER_GZIP);
    assertThat(foreign.mediaType().isDistributable()).isFalse();
    assertThat(foreign.urls()).singleElement().asString().startsWith("https://mcr.microsoft.com/");
  }

  @Test
  void parse_dockerManifestList_readsPlatformsAndKeepsFeatures() throws Exception {
    IndexManifest list =
        ManifestCodec.parseIndex(
            new RawManifest(
                Fixtures.load("docker-manifest-list.json"), MediaType.DOCKER_MANIFEST_LIST));

    assertThat(list.isDocker()).isTrue();
    assertThat(list.manifests())
        .extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/ppc64le", "linux/amd64", "windows/amd64");
    Platform amd64 = list.manifests().get(1).platform().orElseThrow();
    assertThat(amd64.unknownFields().rawJson("features")).contains("[\"sse4\"]");
    Platform windows = list.manifests().get(2).platform().orElseThrow();
    assertThat(windows.osVersion()).contains("10.0.14393.1066");
    assertThat(windows.osFeatures()).containsExactly("win32k");
    assertThat(list.select(Platform.parse("windows/amd64"))).map(Descriptor::size).contains(1291L);
  }

  @Test
  void parse_ociIndex_selectsArm64WithAndWithoutVariant() throws Exception {
    IndexManifest index =
        ManifestCodec.parseIndex(
            new RawManifest(Fixtures.load("oci-index.json"), MediaType.OCI_IMAGE_INDEX));

    assertThat(index.select(Platform.parse("linux/arm64"))).map(Descriptor::size).contains(1024L);
    assertThat(index.select(Platform.parse("linux/arm64/v8")))
        .map(Descriptor::size)
        .contains(1024L);
    assertThat(index.select(Platform.parse("linux/amd64"))).map(Descriptor::size).contains(7682L);
    assertThat(index.select(Platform.parse("linux/s390x"))).isEmpty();
  }

  @Test
  void parse_artifact_readsSubjectArtifactTypeAndEmbeddedData() throws Exception {
    ImageManifest m =
        ManifestCodec.parseImageManifest(
            new RawManifest(Fixtures.load("artifact-manifest.json"), MediaType.OCI_IMAGE_MANIFEST));

    assertThat(m.artifactType()).contains("application/vnd.example.sbom.v1+json");
    assertThat(m.config().withoutData()).isEqualTo(Descriptor.EMPTY_JSON);
    assertThat(m.config().data()).contains(Descriptor.EMPTY_JSON_CONTENT);
    assertThat(m.subject()).isPresent();
  }

  @Test
  void parse_unknownFieldsAndTypes_keepsThemForReencoding() throws Exception {
    ImageManifest m =
        ManifestCodec.parseImageManifest(
            RawManifest.of(Fixtures.load("unknown-fields-manifest.json")));

    assertThat(m.unknownFields().names()).containsExactly("x-top-level", "x-null");
    assertThat(m.unknownFields().rawJson("x-top-level")).contains("{\"b\":1,\"a\":[2,3]}");
    assertThat(m.unknownFields().rawJson("x-null")).contains("null");
    assertThat(m.config().mediaType().value())
        .isEqualTo("application/vnd.example.future.config.v9+json");
    assertThat(m.config().unknownFields().rawJson("x-descriptor-extension"))
        .contains("{\"nested\":[1,2.50,true,null,\"s\"]}");
    assertThat(
            m.layers()
                .get(0)
                .platform()
                .orElseThrow()
                .unknownFields()
                .rawJson("x-platform-extension"))
        .contains("\"kept\"");
  }

  @Test
  void parse_unknownManifestMediaType_detectsKindFromStructureAndRoundTrips() throws Exception {
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.list+json\",\"manifests\":[]}";
    RawManifest raw =
        new RawManifest(Bytes.ofUtf8(json), MediaType.of("application/vnd.example.list+json"));

    Manifest m = ManifestCodec.parse(raw);

    assertThat(m).isInstanceOf(IndexManifest.class);
    assertThat(m.mediaType()).contains(MediaType.of("application/vnd.example.list+json"));
    assertThat(ManifestCodec.encode(m)).isEqualTo(raw);
  }

  @Test
  void parse_genericContentType_usesMediaTypeField() throws Exception {
    RawManifest raw =
        RawManifest.of(
            Fixtures.load("docker-manifest-list.json"), "application/json; charset=utf-8");

    assertThat(raw.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(ManifestCodec.parse(new RawManifest(raw.bytes(), MediaType.APPLICATION_JSON)))
        .isInstanceOf(IndexManifest.class);
  }

  @Test
  void parse_noMediaTypeAnywhere_detectsFromStructure() throws Exception {
    Bytes index = Bytes.ofUtf8("{\"schemaVersion\":2,\"manifests\":[]}");
    Bytes image =
        Bytes.ofUtf8(
            "{\"schemaVersion\":2,\"config\":" + emptyDescriptorJson() + ",\"layers\":[]}");

    assertThat(RawManifest.of(index).mediaType()).isEqualTo(MediaType.OCI_IMAGE_INDEX);
    assertThat(RawManifest.of(image).mediaType()).isEqualTo(MediaType.OCI_IMAGE_MANIFEST);
    assertThat(ManifestCodec.parse(RawManifest.of(image)).mediaType()).isEmpty();
    assertThat(ManifestCodec.parse(RawManifest.of(image)).effectiveMediaType())
        .isEqualTo(MediaType.OCI_IMAGE_MANIFEST);
  }

  static Stream<Arguments> invalidManifests() {
    String cfg = emptyDescriptorJson();
    return Stream.of(
        Arguments.of("not json", "{", Reason.MALFORMED_JSON, null),
        Arguments.of("empty", "", Reason.MALFORMED_JSON, null),
        Arguments.of(
            "trailing garbage",
            "{\"schemaVersion\":2,\"manifests\":[]} x",
            Reason.MALFORMED_JSON,
            null),
        Arguments.of(
            "duplicate key",
            "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}",
            Reason.MALFORMED_JSON,
            null),
        Arguments.of("array root", "[]", Reason.INVALID_FIELD, "$"),
        Arguments.of(
            "schema 1",
            "{\"schemaVersion\":1,\"manifests\":[]}",
            Reason.UNSUPPORTED_SCHEMA_VERSION,
            "$.schemaVersion"),
        Arguments.of(
            "schemaVersion string",
            "{\"schemaVersion\":\"2\",\"manifests\":[]}",
            Reason.INVALID_FIELD,
            "$.schemaVersion"),
        Arguments.of(
            "schemaVersion missing", "{\"manifests\":[]}", Reason.MISSING_FIELD, "$.schemaVersion"),
        Arguments.of("no kind", "{\"schemaVersion\":2}", Reason.UNKNOWN_KIND, null),
        Arguments.of(
            "config digest missing",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"size\":2},\"layers\":[]}",
            Reason.MISSING_FIELD,
            "$.config.digest"),
        Arguments.of(
            "layer digest invalid",
            "{\"schemaVersion\":2,\"config\":"
                + cfg
                + ",\"layers\":["
                + cfg
                + ",{\"mediaType\":\"a/b\",\"digest\":\"sha256:xyz\",\"size\":1}]}",
            Reason.INVALID_FIELD,
            "$.layers[1].digest"),
        Arguments.of(
            "negative size",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":-1},\"layers\":[]}",
            Reason.INVALID_FIELD,
            "$.config.size"),
        Arguments.of(
            "fractional size",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2.5},\"layers\":[]}",
            Reason.INVALID_FIELD,
            "$.config.size"),
        Arguments.of(
            "layers missing",
            "{\"schemaVersion\":2,\"config\":" + cfg + "}",
            Reason.MISSING_FIELD,
            "$.layers"),
        Arguments.of(
            "annotation not string",
            "{\"schemaVersion\":2,\"manifests\":[],\"annotations\":{\"a\":1}}",
            Reason.INVALID_FIELD,
            "$.annotations.a"),
        Arguments.of(
            "data mismatch",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2,\"data\":\"W10=\"},\"layers\":[]}",
            Reason.INVALID_FIELD,
            "$.config"),
        Arguments.of(
            "data not base64",
            "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2,\"data\":\"!!\"},\"layers\":[]}",
            Reason.INVALID_FIELD,
            "$.config.data"),
        Arguments.of(
            "platform without os",
            "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2,\"platform\":{\"architecture\":\"amd64\"}}]}",
            Reason.MISSING_FIELD,
            "$.manifests[0].platform.os"),
        Arguments.of(
            "media type with spaces",
            "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a b\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2}]}",
            Reason.INVALID_FIELD,
            "$.manifests[0].mediaType"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void parse_invalid_throwsWithReasonAndPath(
      String description, String json, Reason reason, String path) {
    assertThatThrownBy(
            () ->
                ManifestCodec.parse(
                    new RawManifest(Bytes.ofUtf8(json), MediaType.APPLICATION_JSON)))
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.path()).isEqualTo(Optional.ofNullable(path));
              if (path != null) {
                assertThat(e.getMessage()).startsWith(path + ": ");
              }
            });
  }

  @Test
  void parse_mediaTypeFieldContradictsContentType_throwsMismatch() {
    RawManifest raw =
        new RawManifest(Fixtures.load("oci-manifest.json"), MediaType.DOCKER_MANIFEST_V2);

    assertThatThrownBy(() -> ManifestCodec.parse(raw))
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MEDIA_TYPE_MISMATCH))
        .hasMessageContaining("$.mediaType");
  }

  @Test
  void parse_dockerContentTypeWithoutMediaTypeField_throwsMissingField() {
    Bytes json =
        Bytes.ofUtf8(
            "{\"schemaVersion\":2,\"config\":" + emptyDescriptorJson() + ",\"layers\":[]}");

    assertThatThrownBy(
            () -> ManifestCodec.parse(new RawManifest(json, MediaType.DOCKER_MANIFEST_V2)))
        .isInstanceOfSatisfying(
            InvalidManifestException.class, e -> assertThat(e.path()).contains("$.mediaType"));
  }

  @Test
  void parse_indexWhenImageExpected_throws() {
    RawManifest raw = new RawManifest(Fixtures.load("oci-index.json"), MediaType.OCI_IMAGE_INDEX);

    assertThatThrownBy(() -> ManifestCodec.parseImageManifest(raw))
        .isInstanceOf(InvalidManifestException.class);
    assertThatThrownBy(
            () ->
                ManifestCodec.parseIndex(
                    new RawManifest(
                        Fixtures.load("oci-manifest.json"), MediaType.OCI_IMAGE_MANIFEST)))
        .isInstanceOf(InvalidManifestException.class);
  }

  @Test
  void parse_over4MiB_throwsTooLarge() {
    byte[] big = new byte[ManifestCodec.MAX_MANIFEST_SIZE + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';

    assertThatThrownBy(
            () -> ManifestCodec.parse(new RawManifest(Bytes.of(big), MediaType.OCI_IMAGE_MANIFEST)))
        .isInstanceOfSatisfying(
            InvalidManifestException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @Test
  void parse_exactly4MiB_isAccepted() throws Exception {
    String head = "{\"schemaVersion\":2,\"manifests\":[]";
    StringBuilder sb = new StringBuilder(head);
    while (sb.length() < ManifestCodec.MAX_MANIFEST_SIZE - 1) {
      sb.append(' ');
    }
    sb.append('}');

    assertThat(
            ManifestCodec.parse(
                new RawManifest(Bytes.ofUtf8(sb.toString()), MediaType.OCI_IMAGE_INDEX)))
        .isInstanceOf(IndexManifest.class);
  }

  @Test
  void encode_newOciManifest_isCompactInSpecOrder() {
    Descriptor config = Descriptor.of(MediaType.OCI_CONFIG, Bytes.ofUtf8("{}"));
    Descriptor layer =
        Descriptor.of(MediaType.OCI_LAYER_GZIP, Bytes.ofUtf8("layer"))
            .withAnnotation("b", "2")
            .withAnnotation("a", "1");
    ImageManifest m =
        ImageManifest.oci(config, List.of(layer))
            .withArtifactType("application/x.t")
            .withSubject(Descriptor.EMPTY_JSON);

    String json = ManifestCodec.encode(m).bytes().utf8();

    assertThat(json)
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\"application/x.t\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config.digest()
                + "\",\"size\":2},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + layer.digest()
                + "\",\"size\":5,\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}],"
                + "\"subject\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                + Descriptor.EMPTY_JSON.digest()
                + "\",\"size\":2}}");
  }

  @Test
  void encode_unknownFieldNamedLikeKnownField_throws() {
    ImageManifest m =
        new ImageManifest(
            2,
            Optional.empty(),
            Optional.empty(),
            Descriptor.EMPTY_JSON,
            List.of(),
            Optional.empty(),
            Map.of(),
            UnknownFields.of(Map.of("config", "{}")));

    assertThatThrownBy(() -> ManifestCodec.encode(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config");
  }

  @Test
  void emptyJsonDescriptor_matchesItsContent() {
    assertThat(Descriptor.EMPTY_JSON_CONTENT.sha256()).isEqualTo(Descriptor.EMPTY_JSON.digest());
    assertThat(Descriptor.EMPTY_JSON.size()).isEqualTo(2);
    assertThat(Descriptor.EMPTY_JSON.withData(Descriptor.EMPTY_JSON_CONTENT).data())
        .contains(Descriptor.EMPTY_JSON_CONTENT);
  }

  @Test
  void descriptor_roundTripsAlone() throws Exception {
    Descriptor d =
        Descriptor.EMPTY_JSON
            .withPlatform(Platform.parse("linux/arm/v7"))
            .withArtifactType("a/b")
            .withUrls(List.of("https://x"));

    assertThat(ManifestCodec.parseDescriptor(ManifestCodec.encodeDescriptor(d))).isEqualTo(d);
  }

  static String emptyDescriptorJson() {
    return "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
        + Descriptor.EMPTY_JSON.digest()
        + "\",\"size\":2}";
  }
}
