package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorTest {

  @Test
  void of_content_computesDigestAndSize() {
    Bytes content = Bytes.ofUtf8("hello");

    Descriptor d = Descriptor.of(MediaType.OCI_LAYER, content);

    assertThat(d.digest()).isEqualTo(content.sha256());
    assertThat(d.size()).isEqualTo(5);
    assertThat(d.data()).isEmpty();
  }

  @Test
  void constructor_negativeSize_throws() {
    assertThatThrownBy(() -> Descriptor.of(MediaType.OCI_LAYER, Descriptor.EMPTY_JSON.digest(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withData_mismatchingContent_throws() {
    assertThatThrownBy(() -> Descriptor.EMPTY_JSON.withData(Bytes.ofUtf8("[]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Descriptor.EMPTY_JSON.withData(Bytes.ofUtf8("{ }")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void annotations_areCopiedAndSorted() {
    Map<String, String> source = new HashMap<>(Map.of("z", "1", "a", "2"));
    Descriptor d = Descriptor.EMPTY_JSON.withAnnotations(source);
    source.put("b", "3");

    assertThat(d.annotations().keySet()).containsExactly("a", "z");
    assertThatThrownBy(() -> d.annotations().put("c", "4"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sameContentAs_comparesDigestAndSizeOnly() {
    Descriptor a = Descriptor.EMPTY_JSON;
    Descriptor b = a.withMediaType(MediaType.OCI_CONFIG).withUrls(List.of("https://x"));

    assertThat(a.sameContentAs(b)).isTrue();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void unknownFields_of_normalizesAndRejectsInvalidJson() {
    UnknownFields u = UnknownFields.of(Map.of("x", " { \"a\" : [ 1 , 2 ] } "));

    assertThat(u.rawJson("x")).contains("{\"a\":[1,2]}");
    assertThat(u.with("y", "true").names()).containsExactly("x", "y");
    assertThat(u.with("y", "true").without("x").names()).containsExactly("y");
    assertThatThrownBy(() -> UnknownFields.of(Map.of("x", "{")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UnknownFields.of(Map.of("x", "1 2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
