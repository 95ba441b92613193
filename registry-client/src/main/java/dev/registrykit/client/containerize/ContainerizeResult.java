package dev.registrykit.client.containerize;

import dev.registrykit.client.BlobResult;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.ImageId;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.javaapp.AppLayer;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * What a containerization made: the image's manifest digest (of the index, for several platforms),
 * its image ID, where it went and under which tags, the application layers, and for a registry what
 * happened to each blob.
 *
 * @param target where the image was written, e.g. {@code localhost:5000/app:1.0} or {@code
 *     oci:target/image:latest}
 * @param imageDigest the digest of the manifest (or index) written
 * @param imageId the image ID (config digest; for several platforms, the first platform's)
 * @param tags the tags the image was stored under
 * @param pushed whether it went to a registry
 * @param layers the application layers, in image order
 * @param blobs for a registry, per blob whether it was pushed, already there or mounted; else empty
 */
public record ContainerizeResult(
    String target,
    Digest imageDigest,
    ImageId imageId,
    List<Tag> tags,
    boolean pushed,
    List<AppLayer> layers,
    List<BlobResult> blobs) {
  /** The file with the image digest, as Jib's {@code jib-image.digest}. */
  public static final String DIGEST_FILE = "registrykit-image.digest";

  /** The file with the image ID, as Jib's {@code jib-image.id}. */
  public static final String ID_FILE = "registrykit-image.id";

  /** The file with everything as JSON, as Jib's {@code jib-image.json}. */
  public static final String JSON_FILE = "registrykit-image.json";

  // The streaming generator only: a build that changed nothing writes this file without starting
  // Jackson's data binding, a large part of a build tool's start-up cost.
  private static final JsonFactory JSON = new JsonFactory();

  /** Validates and copies the components. */
  public ContainerizeResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(imageId, "imageId");
    tags = List.copyOf(tags);
    layers = List.copyOf(layers);
    blobs = List.copyOf(blobs);
  }

  /**
   * The JSON written to {@link #JSON_FILE}: {@code {"image": …, "imageId": …, "imageDigest": …,
   * "tags": […], "imagePushed": …}}, the fields of Jib's {@code jib-image.json}.
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("image", target);
      g.writeStringProperty("imageId", imageId.toString());
      g.writeStringProperty("imageDigest", imageDigest.toString());
      g.writeArrayPropertyStart("tags");
      for (Tag tag : tags) {
        g.writeString(tag.toString());
      }
      g.writeEndArray();
      g.writeBooleanProperty("imagePushed", pushed);
      g.writeEndObject();
    }
    return out + "\n";
  }

  /**
   * Writes {@link #DIGEST_FILE}, {@link #ID_FILE} and {@link #JSON_FILE} into {@code directory}
   * (created when missing), each replaced atomically, for later build steps to read.
   *
   * @throws IOException when a file cannot be written
   */
  public void writeFiles(Path directory) throws IOException {
    Files.createDirectories(directory);
    write(directory.resolve(DIGEST_FILE), imageDigest.toString());
    write(directory.resolve(ID_FILE), imageId.toString());
    write(directory.resolve(JSON_FILE), toJson());
  }

  private static void write(Path file, String content) throws IOException {
    // Beside the target and moved into place, so a reader never sees half a file.
    AtomicFiles.write(file, temp -> Files.writeString(temp, content, StandardCharsets.UTF_8));
  }
}
