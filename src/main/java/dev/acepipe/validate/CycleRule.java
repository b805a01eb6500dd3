package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.graph.ShortestCycle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.DefaultEdge;

/**
 * Dependencies must not form a cycle. For every strongly connected group of steps, one diagnostic
 * names the steps of one cycle in order, starting at the first declared step of the group.
 */
public final class CycleRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    Graph<String, DefaultEdge> g = DependencyGraph.of(pipeline);
    if (!new CycleDetector<>(g).detectCycles()) {
      return; // the common case, in linear time; strong components only when there is a cycle
    }
    Map<String, Integer> order = new HashMap<>();
    pipeline.steps().values().forEach(s -> order.put(s.id(), s.index()));
    List<Set<String>> groups = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets();
    ShortestCycle<String, DefaultEdge> shortest =
        new ShortestCycle<>(g, Comparator.comparing(order::get));
    List<List<String>> cycles = new ArrayList<>();
    for (Set<String> group : groups) {
      String first = group.stream().min(Comparator.comparing(order::get)).orElseThrow();
      if (group.size() == 1 && !g.containsEdge(first, first)) {
        continue;
      }
      // every vertex of a strongly connected group with an edge lies on a cycle
      cycles.add(shortest.through(first).orElseThrow());
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
}
