package dev.acepipe.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;

/**
 * A shortest directed cycle through a given vertex: the fewest vertices from it back to itself,
 * found breadth-first. To name a cycle to a person the shortest one reads best; successors are
 * tried in {@code order}, so among cycles of equal length the answer is always the same one.
 *
 * @param <V> the vertex type
 * @param <E> the edge type
 */
public final class ShortestCycle<V, E> {
  private final Graph<V, E> graph;
  private final Comparator<? super V> order;

  public ShortestCycle(Graph<V, E> graph, Comparator<? super V> order) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * The vertices of a shortest cycle through {@code start}, beginning with it, each followed by its
   * successor on the cycle (the last one's successor is {@code start}); {@code [start]} for a
   * self-loop; empty when no cycle passes through {@code start}.
   */
  public Optional<List<V>> through(V start) {
    Map<V, V> parent = new HashMap<>();
    Deque<V> queue = new ArrayDeque<>();
    Set<V> seen = new HashSet<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty()) {
      V u = queue.poll();
      List<V> next = new ArrayList<>(Graphs.successorListOf(graph, u));
      next.sort(order);
      for (V v : next) {
        if (v.equals(start)) {
          List<V> path = new ArrayList<>();
          for (V x = u; x != null; x = parent.get(x)) {
            path.add(0, x);
          }
          return Optional.of(List.copyOf(path));
        }
        if (seen.add(v)) {
          parent.put(v, u);
          queue.add(v);
        }
      }
    }
    return Optional.empty();
  }
}
