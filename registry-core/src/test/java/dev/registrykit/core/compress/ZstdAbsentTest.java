package dev.registrykit.core.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * registry-core without zstd-jni: the classes are loaded again by a class loader that sees core,
 * jackson-core and jspecify but not zstd-jni, as in an application that did not add the optional
 * dependency (nor Jackson's data binding, which core does not use).
 */
class ZstdAbsentTest {
  @Test
  void withoutZstdJni_zstdLayersPassThrough_andDecompressingNamesTheDependency() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Class<?> c :
        List.of(
            ZstdAbsentTest.class,
            Layer.class,
            tools.jackson.core.JsonParser.class,
            org.jspecify.annotations.Nullable.class)) {
      URL url = c.getProtectionDomain().getCodeSource().getLocation();
      if (!urls.contains(url)) {
        urls.add(url);
      }
    }
    try (URLClassLoader withoutZstd =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThat(
              Class.forName("com.github.luben.zstd.Zstd", false, ZstdTest.class.getClassLoader()))
          .isNotNull();
      Class<?> scenario = Class.forName(Scenario.class.getName(), true, withoutZstd);

      byte[] frame = ZstdTest.compress(ZstdTest.sample(1000), 3);
      String report;
      try {
        report = (String) scenario.getMethod("run", byte[].class).invoke(null, (Object) frame);
      } catch (InvocationTargetException e) {
        throw new AssertionError("the scenario failed", e.getCause());
      }

      assertThat(report.lines())
          .containsExactly(
              "available=false",
              "open=same bytes",
              "digest=" + Bytes.of(frame).sha256(),
              "openUncompressed=MissingCodecException: cannot decompress a zstd layer: zstd needs com.github.luben:zstd-jni on the class path"
                  + " (an optional dependency of registry-core; add it to your build)",
              "diffId=MissingCodecException",
              "build=MissingCodecException",
              "gzip=works");
    }
  }

  /** Runs inside the class loader without zstd-jni; public for reflection. */
  public static final class Scenario {
    private Scenario() {}

    /** Reports, one line each, what works and what fails. */
    public static String run(byte[] frame) throws Exception {
      StringBuilder report = new StringBuilder();
      report.append("available=").append(Zstd.isAvailable()).append('\n');
      Layer layer = Layers.of(Bytes.of(frame), MediaType.OCI_LAYER_ZSTD);
      try (InputStream in = layer.open()) {
        report
            .append("open=")
            .append(
                java.util.Arrays.equals(in.readAllBytes(), frame)
                    ? "same bytes"
                    : "different bytes")
            .append('\n');
      }
      report.append("digest=").append(layer.digest()).append('\n');
      try {
        layer.openUncompressed().close();
        report.append("openUncompressed=opened\n");
      } catch (MissingCodecException e) {
        report
            .append("openUncompressed=MissingCodecException: ")
            .append(e.getMessage())
            .append('\n');
      }
      try {
        layer.diffId();
        report.append("diffId=computed\n");
      } catch (MissingCodecException e) {
        report.append("diffId=MissingCodecException\n");
      }
      try {
        LayerBuilder.builder()
            .addEmptyDirectory("x")
            .compression(LayerCompression.ZSTD)
            .writeTo(new ByteArrayOutputStream());
        report.append("build=built\n");
      } catch (MissingCodecException e) {
        report.append("build=MissingCodecException\n");
      }
      LayerBuilder.builder()
          .addEmptyDirectory("x")
          .compression(LayerCompression.GZIP)
          .writeTo(new ByteArrayOutputStream());
      report.append("gzip=works\n");
      return report.toString();
    }
  }
}
