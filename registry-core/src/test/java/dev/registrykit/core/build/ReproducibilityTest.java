package dev.registrykit.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.image.Image;
import dev.registrykit.core.manifest.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden digests: a fixed input must give these exact digests in every JVM, on every machine, today
 * and after any refactoring. Uncompressed layers are used so the values do not depend on the zlib
 * the JDK links; the tar bytes, config and manifest encodings are all this library's.
 */
class ReproducibilityTest {
  private static final String GOLDEN_DIFF_ID =
      "sha256:3171e882e483d82bfe4050872a6f06925f4a54ba4e62ecca2a6b36bab0d2170f";
  private static final String GOLDEN_IMAGE_ID =
      "sha256:5ada1956da36af6d7a0eee94f0721590991d3764863f4591ca9d1338d55da052";
  private static final String GOLDEN_MANIFEST =
      "sha256:fde44750f1c4e02d109c1e66d7f22b26b2120d2d41728e20b7451b582f7f870b";

  @TempDir Path tmp;

  @Test
  void layerAndImage_fixedInput_goldenDigests() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("bin"));
    Path tool = Files.writeString(src.resolve("bin/figlet"), "#!/bin/sh\necho \"$@\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(src.resolve("README"), "figlet-like\n");
    Files.createSymbolicLink(src.resolve("bin/banner"), Path.of("figlet"));
    Files.setLastModifiedTime(src.resolve("README"), FileTime.from(Instant.now()));

    BuiltLayer layer =
        LayerBuilder.builder()
            .addDirectory(src, "/usr/local")
            .compression(LayerCompression.NONE)
            .writeTo(new ByteArrayOutputStream());
    Image image =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64)
            .addLayer(layer, "COPY . /usr/local")
            .entrypoint(List.of("/usr/local/bin/figlet"))
            .build();

    assertThat(layer.diffId()).hasToString(GOLDEN_DIFF_ID);
    assertThat(image.id().toString()).isEqualTo(GOLDEN_IMAGE_ID);
    assertThat(image.digest()).hasToString(GOLDEN_MANIFEST);
  }
}
