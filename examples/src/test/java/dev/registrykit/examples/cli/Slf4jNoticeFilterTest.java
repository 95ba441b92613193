package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Slf4jNoticeFilterTest {

  @Test
  void filter_dropsSlf4jNoticeLinesOnly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(new Slf4jNoticeFilter(bytes), true, StandardCharsets.UTF_8);

    err.println("registrykit push: refused");
    err.println("SLF4J: Failed to load class \"org.slf4j.impl.StaticLoggerBinder\".");
    err.println("SLF4J: Defaulting to no-operation (NOP) logger implementation");
    err.print("partial");
    err.flush();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("registrykit push: refused\npartial");
  }
}
