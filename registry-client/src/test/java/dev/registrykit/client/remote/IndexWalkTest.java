package dev.registrykit.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index walk on synthetic trees: iterative, bounded in depth, each manifest once, cycles
 * refused.
 */
class IndexWalkTest {
  /** A node: its name, whether it is an index, and the names it lists. */
  private record Node(String name, boolean index, List<String> children) {}

  private static IndexWalk<Node> walk(Map<String, Node> nodes, int maxDepth) {
    return new IndexWalk<>(
        new IndexWalk.Tree<>() {
          @Override
          public Digest digest(Node node) {
            return Digest.sha256(node.name().getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public List<Node> children(Node node) {
            return node.children().stream().map(nodes::get).toList();
          }

          @Override
          public boolean isIndex(Node node) {
            return node.index();
          }
        },
        maxDepth,
        "test walk");
  }

  private static Map<String, Node> chain(int levels) {
    Map<String, Node> nodes = new java.util.HashMap<>();
    for (int i = 0; i < levels; i++) {
      nodes.put(
          "i" + i,
          new Node("i" + i, true, i + 1 < levels ? List.of("i" + (i + 1)) : List.of("image")));
    }
    nodes.put("image", new Node("image", false, List.of()));
    return nodes;
  }

  @Test
  void postOrder_15000LevelChainAllowed_walksWithoutStackOverflow() throws IOException {
    Map<String, Node> nodes = chain(15_000);

    List<Node> order = walk(nodes, 20_000).postOrder(nodes.get("i0"));

    assertThat(order).hasSize(15_001);
    assertThat(order.get(0).name()).isEqualTo("image");
    assertThat(order.get(15_000).name()).isEqualTo("i0");
  }

  @Test
  void postOrder_deeperThanTheLimit_failsNamingTheLimit() {
    Map<String, Node> nodes = chain(15_000);

    assertThatThrownBy(() -> walk(nodes, 4).postOrder(nodes.get("i0")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("test walk")
        .hasMessageContaining("nest more than 4 deep");
  }

  @Test
  void postOrder_exactlyAtTheLimit_walks() throws IOException {
    Map<String, Node> nodes = chain(4);

    assertThat(walk(nodes, 4).postOrder(nodes.get("i0")))
        .extracting(Node::name)
        .containsExactly("image", "i3", "i2", "i1", "i0");
  }

  @Test
  void postOrder_sharedChild_visitedOnceChildrenFirst() throws IOException {
    Map<String, Node> nodes =
        Map.of(
            "top", new Node("top", true, List.of("left", "right", "shared")),
            "left", new Node("left", true, List.of("shared", "a")),
            "right", new Node("right", true, List.of("shared")),
            "shared", new Node("shared", false, List.of()),
            "a", new Node("a", false, List.of()));

    assertThat(walk(nodes, 4).postOrder(nodes.get("top")))
        .extracting(Node::name)
        .containsExactly("shared", "a", "left", "right", "top");
  }

  @Test
  void postOrder_indexListingItsAncestor_failsAsACycle() {
    Map<String, Node> nodes =
        Map.of(
            "top", new Node("top", true, List.of("middle")),
            "middle", new Node("middle", true, List.of("top")));

    assertThatThrownBy(() -> walk(nodes, 100).postOrder(nodes.get("top")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("a cycle");
  }
}
