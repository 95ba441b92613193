package dev.registrykit.client.containerize;

import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.DigestingOutputStream;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.image.ImageId;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.manifest.ManifestCodec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which image the same inputs made last time, kept beside the layer cache: {@code images/<key>}
 * holds the image's manifest digest and ID, and for a {@code docker save} archive the digest of the
 * file written. With it, a build that changed nothing recognises its image without parsing the
 * base, building the config or writing anything: the target is only checked (the registry's tags,
 * or the archive file hashed again). A record that cannot be read is ignored and replaced.
 */
final class ImageRecords {
  private static final String FORMAT = "registrykit-image/1";

  private final Path directory;

  ImageRecords(Path directory) {
    this.directory = directory;
  }

  /** A record's key: the SHA-256 of every input, each field named and length-prefixed. */
  record Key(Digest digest) {}

  /** What a previous build recorded. */
  record Record(Digest imageDigest, ImageId imageId, Optional<Digest> file) {
    /** Whether {@code path} still holds exactly the file that was written. */
    boolean matchesFile(Path path) throws IOException {
      if (file.isEmpty()) {
        return false;
      }
      try (InputStream in = Files.newInputStream(path)) {
        return Digest.compute(DigestAlgorithm.SHA256, in).digest().equals(file.get());
      } catch (NoSuchFileException e) {
        return false;
      }
    }
  }

  static KeyBuilder key() {
    return new KeyBuilder();
  }

  /**
   * The code that turns inputs into an image (this package's containerizer, core's image builder
   * and manifest encoder), as the SHA-256 of their class files: another version of the library
   * never takes a record of this one for its own.
   */
  static String codeIdentity() throws IOException {
    KeyBuilder code = new KeyBuilder();
    for (Class<?> type : List.of(Containerizer.class, ImageBuilder.class, ManifestCodec.class)) {
      String resource = type.getSimpleName() + ".class";
      try (InputStream in = type.getResourceAsStream(resource)) {
        code.add(
            type.getName(),
            in == null
                ? "(no class file)"
                : Digest.compute(DigestAlgorithm.SHA256, in).digest().toString());
      }
    }
    return code.build().digest().toString();
  }

  /** Collects the inputs; a field's name and value are both written with their lengths. */
  static final class KeyBuilder {
    private final DigestingOutputStream digest =
        DigestingOutputStream.discarding(DigestAlgorithm.SHA256);
    private final DataOutputStream out = new DataOutputStream(digest);

    private KeyBuilder() {
      add("format", FORMAT);
    }

    KeyBuilder add(String name, String value) {
      try {
        for (String s : new String[] {name, value}) {
          byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
          out.writeInt(bytes.length);
          out.write(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a digesting stream writes nowhere
      }
      return this;
    }

    Key build() throws IOException {
      out.flush();
      SizedDigest result = digest.result();
      return new Key(result.digest());
    }
  }

  /** The record under {@code key}, if one is there and well-formed. */
  Optional<Record> read(Key key) throws IOException {
    Path file = directory.resolve(key.digest().hex());
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    Optional<Digest> image = Digest.tryParse(fields.get("imageDigest"));
    Optional<Digest> config = Digest.tryParse(fields.get("imageId"));
    if (!FORMAT.equals(fields.get("format")) || image.isEmpty() || config.isEmpty()) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    return Optional.of(
        new Record(image.get(), ImageId.of(config.get()), Digest.tryParse(fields.get("file"))));
  }

  /**
   * Records what {@code result} made under {@code key}, and for a docker archive the digest of the
   * file as it was written (computed while writing it, not by reading it back).
   */
  void remember(Key key, ContainerizeResult result, Optional<Digest> archive) throws IOException {
    StringBuilder text =
        new StringBuilder()
            .append("format=")
            .append(FORMAT)
            .append("\nimageDigest=")
            .append(result.imageDigest())
            .append("\nimageId=")
            .append(result.imageId().configDigest())
            .append('\n');
    archive.ifPresent(digest -> text.append("file=").append(digest).append('\n'));
    Files.createDirectories(directory);
    AtomicFiles.write(
        directory.resolve(key.digest().hex()),
        temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
  }
}
