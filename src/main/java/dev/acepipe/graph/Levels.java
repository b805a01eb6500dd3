package dev.acepipe.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrapht.Graph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The parallel levels of a directed acyclic graph: a vertex's level is the length of the longest
 * path that ends in it, so level 0 holds the sources and every edge points to a higher level. What
 * can run side by side shares a level; a drawing that puts levels in columns has every edge point
 * the same way.
 *
 * <p>Vertices are visited in topological order with {@code tieBreak} deciding between vertices that
 * are ready together, so each level lists its vertices in that order. Computed once, on
 * construction; the graph must not change afterwards.
 *
 * @param <V> the vertex type
 * @param <E> the edge type
 */
public final class Levels<V, E> {
  private final Map<V, Integer> levelOf;
  private final List<List<V>> levels;

  /**
   * @throws IllegalArgumentException when {@code dag} has a cycle (a vertex on it has no level)
   */
  public Levels(Graph<V, E> dag, Comparator<? super V> tieBreak) {
    Objects.requireNonNull(dag, "dag");
    Objects.requireNonNull(tieBreak, "tieBreak");
    Map<V, Integer> level = new LinkedHashMap<>();
    List<List<V>> byLevel = new ArrayList<>();
    TopologicalOrderIterator<V, E> order = new TopologicalOrderIterator<>(dag, tieBreak::compare);
    while (order.hasNext()) {
      V v = order.next();
      int lv = 0;
      for (E in : dag.incomingEdgesOf(v)) {
        lv = Math.max(lv, level.get(dag.getEdgeSource(in)) + 1);
      }
      level.put(v, lv);
      while (byLevel.size() <= lv) {
        byLevel.add(new ArrayList<>());
      }
      byLevel.get(lv).add(v);
    }
    this.levelOf = Collections.unmodifiableMap(new HashMap<>(level));
    this.levels = byLevel.stream().map(List::copyOf).toList();
  }

  /** The level of {@code vertex}; 0 for a vertex nothing points to. */
  public int levelOf(V vertex) {
    Integer lv = levelOf.get(vertex);
    if (lv == null) {
      throw new IllegalArgumentException("no vertex " + vertex + " in the graph");
    }
    return lv;
  }

  /** The vertices of each level, level 0 first, each level in visiting order. */
  public List<List<V>> levels() {
    return levels;
  }
}
