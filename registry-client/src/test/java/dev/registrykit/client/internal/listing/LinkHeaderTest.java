package dev.registrykit.client.internal.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinkHeaderTest {
  private static final URI BASE = URI.create("http://127.0.0.1:5000/v2/_catalog?n=2");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "relative, Distribution style",
            List.of("</v2/_catalog?last=b&n=2>; rel=\"next\""),
            "http://127.0.0.1:5000/v2/_catalog?last=b&n=2"),
        Arguments.of(
            "absolute",
            List.of("<https://other/v2/x?last=c>; rel=next"),
            "https://other/v2/x?last=c"),
        Arguments.of(
            "several links in one value",
            List.of("</prev>; rel=\"prev\", </next>; rel=\"next\""),
            "http://127.0.0.1:5000/next"),
        Arguments.of(
            "rel among several types",
            List.of("</n>; title=\"a, b\"; rel=\"last next\""),
            "http://127.0.0.1:5000/n"),
        Arguments.of("case-insensitive", List.of("</n>; REL=\"Next\""), "http://127.0.0.1:5000/n"),
        Arguments.of(
            "second header value",
            List.of("</p>; rel=\"prev\"", "</n>; rel=\"next\""),
            "http://127.0.0.1:5000/n"),
        Arguments.of("no next", List.of("</p>; rel=\"prev\""), null),
        Arguments.of("garbage", List.of("not a link"), null),
        Arguments.of("unterminated", List.of("</n; rel=next"), null),
        Arguments.of("invalid URI", List.of("<http://a b/>; rel=next"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void next_cases_resolvedAgainstRequest(String description, List<String> values, String expected) {
    assertThat(LinkHeader.next(values, BASE))
        .isEqualTo(Optional.ofNullable(expected).map(URI::create));
  }
}
