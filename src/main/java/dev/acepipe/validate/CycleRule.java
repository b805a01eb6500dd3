package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;

/**
 * Dependencies must not form a cycle. For every strongly connected group of steps, one diagnostic
 * names the steps of one cycle in order, starting at the first declared step of the group.
 */
public final class CycleRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    Graph<String, DefaultEdge> g = DependencyGraph.of(pipeline);
    if (isAcyclic(g)) {
      return; // the common case, in linear time; strong components only when there is something to
      // name
    }
    Map<String, Integer> order = new HashMap<>();
    pipeline.steps().values().forEach(s -> order.put(s.id(), s.index()));
    List<Set<String>> groups = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets();
    List<List<String>> cycles = new ArrayList<>();
    for (Set<String> group : groups) {
      String first = group.stream().min(Comparator.comparing(order::get)).orElseThrow();
      if (group.size() == 1 && !g.containsEdge(first, first)) {
        continue;
      }
      cycles.add(cycleThrough(g, group, first, order));
    }
    cycles.sort(Comparator.comparing(c -> order.get(c.get(0))));
    for (List<String> cycle : cycles) {
      Step start = pipeline.steps().get(cycle.get(0));
      String path = String.join(" → ", cycle) + " → " + cycle.get(0);
      String message =
          cycle.size() == 1
              ? "step '" + cycle.get(0) + "' depends on itself"
              : "steps form a cycle: " + path;
      out.add(
          Diagnostic.error(
              Codes.CYCLE,
              start.location(),
              message,
              "each step needs the one before it; remove one of these dependencies"));
    }
  }

  /**
   * Kahn's algorithm: true when repeatedly removing vertices without predecessors empties the
   * graph.
   */
  private static boolean isAcyclic(Graph<String, DefaultEdge> g) {
    Map<String, Integer> indegree = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    for (String v : g.vertexSet()) {
      int d = g.inDegreeOf(v);
      indegree.put(v, d);
      if (d == 0) {
        ready.add(v);
      }
    }
    int removed = 0;
    while (!ready.isEmpty()) {
      String v = ready.poll();
      removed++;
      for (DefaultEdge e : g.outgoingEdgesOf(v)) {
        String w = g.getEdgeTarget(e);
        if (indegree.merge(w, -1, Integer::sum) == 0) {
          ready.add(w);
        }
      }
    }
    return removed == g.vertexSet().size();
  }

  /**
   * A shortest cycle from {@code start} back to itself inside {@code group}, in dependency order
   * (each step feeds the next). Breadth-first, neighbours in declaration order, so the answer is
   * stable.
   */
  private static List<String> cycleThrough(
      Graph<String, DefaultEdge> g, Set<String> group, String start, Map<String, Integer> order) {
    if (g.containsEdge(start, start)) {
      return List.of(start);
    }
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty()) {
      String u = queue.poll();
      List<String> next = new ArrayList<>(Graphs.successorListOf(g, u));
      next.sort(Comparator.comparing(order::get));
      for (String v : next) {
        if (!group.contains(v)) {
          continue;
        }
        if (v.equals(start)) {
          List<String> path = new ArrayList<>();
          for (String x = u; x != null; x = parent.get(x)) {
            path.add(0, x);
          }
          return path;
        }
        if (seen.add(v)) {
          parent.put(v, u);
          queue.add(v);
        }
      }
    }
    Iterator<String> it = group.iterator();
    return List.of(it.next());
  }
}
