package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** Seeded generators of manifests, descriptors and configs for property tests. */
final class ManifestGenerators {
  private static final String[] WORDS = {
    "a", "linux", "amd64", "é", "💡", "quote\"d", "back\\slash", "tab\t", "<&>", "", "x.y/z"
  };
  private static final MediaType[] LAYER_TYPES = {
    MediaType.OCI_LAYER,
    MediaType.OCI_LAYER_GZIP,
    MediaType.OCI_LAYER_ZSTD,
    MediaType.DOCKER_LAYER_GZIP,
    MediaType.DOCKER_FOREIGN_LAYER_GZIP,
    MediaType.of("application/vnd.example.unknown+lz4")
  };

  private final Random random;

  ManifestGenerators(long seed) {
    this.random = new Random(seed);
  }

  String word() {
    if (random.nextInt(4) == 0) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        sb.append((char) (random.nextInt(0x7e - 0x20) + 0x20));
      }
      return sb.toString();
    }
    return WORDS[random.nextInt(WORDS.length)];
  }

  Digest digest() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return Bytes.of(b).sha256();
  }

  Map<String, String> stringMap() {
    Map<String, String> m = new LinkedHashMap<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      m.put(word(), word());
    }
    return m;
  }

  UnknownFields unknownFields(String... avoid) {
    if (random.nextInt(3) != 0) {
      return UnknownFields.EMPTY;
    }
    Map<String, String> m = new LinkedHashMap<>();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      String name = "x-" + word();
      if (!List.of(avoid).contains(name)) {
        m.put(name, jsonValue(2));
      }
    }
    return UnknownFields.of(m);
  }

  String jsonValue(int depth) {
    switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
      case 0:
        return Long.toString(random.nextLong());
      case 1:
        return random.nextBoolean() ? "true" : "null";
      case 2:
        return "\""
            + word().replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
            + "\"";
      case 3:
        return random.nextInt(1000) + "." + random.nextInt(100);
      case 4:
        return "[" + jsonValue(depth - 1) + "," + jsonValue(depth - 1) + "]";
      default:
        return "{\"k\":" + jsonValue(depth - 1) + "}";
    }
  }

  List<String> strings() {
    List<String> l = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      l.add(word());
    }
    return l;
  }

  Platform platform() {
    return new Platform(
        word(), word(), optional(this::word), optional(this::word), strings(), unknownFields());
  }

  Descriptor descriptor(MediaType type, boolean withPlatform) {
    Optional<Bytes> data = Optional.empty();
    Digest digest = digest();
    long size = random.nextInt(1 << 20);
    if (random.nextInt(5) == 0) {
      byte[] b = new byte[random.nextInt(10)];
      random.nextBytes(b);
      data = Optional.of(Bytes.of(b));
      digest = data.get().sha256();
      size = b.length;
    }
    return new Descriptor(
        type,
        digest,
        size,
        random.nextInt(4) == 0 ? strings() : List.of(),
        stringMap(),
        withPlatform && random.nextBoolean() ? Optional.of(platform()) : Optional.empty(),
        optional(this::word),
        data,
        unknownFields());
  }

  <T> Optional<T> optional(java.util.function.Supplier<T> s) {
    return random.nextBoolean() ? Optional.of(s.get()) : Optional.empty();
  }

  Manifest manifest() {
    int kind = random.nextInt(3);
    Optional<Descriptor> subject =
        random.nextInt(3) == 0
            ? Optional.of(descriptor(MediaType.OCI_IMAGE_MANIFEST, false))
            : Optional.empty();
    if (kind == 0) {
      List<Descriptor> entries = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        entries.add(
            descriptor(
                random.nextBoolean() ? MediaType.OCI_IMAGE_MANIFEST : MediaType.DOCKER_MANIFEST_V2,
                true));
      }
      Optional<MediaType> type =
          pick(
              Optional.empty(),
              Optional.of(MediaType.OCI_IMAGE_INDEX),
              Optional.of(MediaType.DOCKER_MANIFEST_LIST));
      return new IndexManifest(
          2, type, optional(this::word), entries, subject, stringMap(), unknownFields());
    }
    List<Descriptor> layers = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      layers.add(descriptor(LAYER_TYPES[random.nextInt(LAYER_TYPES.length)], false));
    }
    Optional<MediaType> type =
        pick(
            Optional.empty(),
            Optional.of(MediaType.OCI_IMAGE_MANIFEST),
            Optional.of(MediaType.DOCKER_MANIFEST_V2));
    Descriptor config =
        descriptor(random.nextBoolean() ? MediaType.OCI_CONFIG : MediaType.OCI_EMPTY, false);
    return new ImageManifest(
        2, type, optional(this::word), config, layers, subject, stringMap(), unknownFields());
  }

  ImageConfig config() {
    Set<String> ports = new LinkedHashSet<>(strings());
    ContainerConfig cc =
        new ContainerConfig(
            optional(this::word),
            ports,
            strings(),
            optional(this::strings),
            optional(this::strings),
            new LinkedHashSet<>(strings()),
            optional(this::word),
            stringMap(),
            optional(this::word),
            unknownFields());
    List<Digest> diffIds = new ArrayList<>();
    List<History> history = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      diffIds.add(digest());
      history.add(
          new History(
              optional(this::word),
              optional(this::word),
              optional(this::word),
              optional(this::word),
              random.nextBoolean(),
              unknownFields()));
    }
    return new ImageConfig(
        word(),
        word(),
        optional(this::word),
        optional(this::word),
        strings(),
        optional(this::word),
        optional(this::word),
        cc,
        new RootFs("layers", diffIds, unknownFields()),
        history,
        unknownFields());
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
