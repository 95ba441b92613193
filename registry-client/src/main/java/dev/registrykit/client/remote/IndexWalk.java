package dev.registrykit.client.remote;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Walks a tree of manifests (an index, its children, their children) without recursion, so that
 * however deep a registry nests indexes the walk ends with an error, never a {@link
 * StackOverflowError}: at most {@code maxDepth} indexes deep, each manifest once (a manifest listed
 * by two indexes is visited once; one listed by its own descendant is a cycle).
 *
 * @param <N> a manifest in the tree
 */
final class IndexWalk<N> {
  /** What the walk needs to know about a manifest. */
  interface Tree<N> {
    Digest digest(N node) throws IOException;

    /** The manifests {@code node} lists, fetched; none for an image manifest. */
    List<N> children(N node) throws IOException;

    boolean isIndex(N node) throws IOException;
  }

  private final Tree<N> tree;
  private final int maxDepth;
  private final String operation;

  IndexWalk(Tree<N> tree, int maxDepth, String operation) {
    this.tree = tree;
    this.maxDepth = maxDepth;
    this.operation = operation;
  }

  /** One index being expanded: its remaining children. */
  private final class Frame {
    final N node;
    final Iterator<N> pending;

    Frame(N node, List<N> children) {
      this.node = node;
      this.pending = children.iterator();
    }
  }

  /**
   * Every manifest of the tree under {@code root}, children before the index listing them and
   * {@code root} last: the order in which a registry accepts them.
   *
   * @throws RegistryException when indexes nest deeper than the limit, or an index lists one of its
   *     own ancestors
   */
  List<N> postOrder(N root) throws IOException {
    List<N> order = new ArrayList<>();
    Set<Digest> done = new HashSet<>();
    Set<Digest> onPath = new HashSet<>();
    Deque<Frame> path = new ArrayDeque<>();
    enter(root, path, onPath, order, done);
    while (!path.isEmpty()) {
      Frame top = path.peek();
      if (top.pending.hasNext()) {
        N child = top.pending.next();
        Digest digest = tree.digest(child);
        if (onPath.contains(digest)) {
          throw new RegistryException(
              operation,
              "the index "
                  + tree.digest(top.node)
                  + " lists "
                  + digest
                  + ", which contains it: a cycle");
        }
        if (!done.contains(digest)) {
          enter(child, path, onPath, order, done);
        }
      } else {
        path.pop();
        onPath.remove(tree.digest(top.node));
        done.add(tree.digest(top.node));
        order.add(top.node);
      }
    }
    return order;
  }

  private void enter(N node, Deque<Frame> path, Set<Digest> onPath, List<N> order, Set<Digest> done)
      throws IOException {
    if (!tree.isIndex(node)) {
      done.add(tree.digest(node));
      order.add(node);
      return;
    }
    if (path.size() >= maxDepth) {
      throw new RegistryException(
          operation,
          "indexes nest more than "
              + maxDepth
              + " deep (at "
              + tree.digest(node)
              + "); real images nest one or two: "
              + "raise TransferOptions.withMaxIndexDepth if this one is genuine");
    }
    onPath.add(tree.digest(node));
    path.push(new Frame(node, tree.children(node)));
  }
}
