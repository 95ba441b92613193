package dev.registrykit.core.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.layout.InvalidLayoutException;
import dev.registrykit.core.layout.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Arbitrary bytes opened as a {@code docker save} archive or an OCI layout tar only ever raise the
 * documented exceptions ({@link InvalidArchiveException}, {@link InvalidLayoutException}, {@link
 * DigestMismatchException}); whatever opens reads to the end without other failures. The seed
 * corpus under {@code DockerArchiveFuzzTestInputs/} (archives written by this library and by
 * skopeo) runs in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class DockerArchiveFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void open_arbitraryBytes_onlyDocumentedExceptions(byte[] input) throws IOException {
    Path file = Files.createTempFile("fuzz", ".tar");
    try {
      Files.write(file, input);
      try {
        for (TaggedImage tagged : DockerArchive.open(file).images()) {
          drain(tagged.image());
        }
      } catch (InvalidArchiveException | DigestMismatchException expected) {
        // documented
      }
      try {
        OciLayout layout = OciLayout.open(file);
        for (var d : layout.index().manifests()) {
          if (d.mediaType().isImageManifest()) {
            drain(layout.image(d));
          }
        }
      } catch (InvalidLayoutException | DigestMismatchException expected) {
        // documented
      }
    } finally {
      Files.delete(file);
    }
  }

  private static void drain(Image image) throws IOException {
    for (Layer layer : image.layers()) {
      try (InputStream in = layer.open()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }
}
