package dev.acepipe.report.html;

import dev.acepipe.graph.Levels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Places a run's steps on a grid for drawing: a step's column (level) is the length of the longest
 * dependency chain leading to it, so every edge points left to right; within a column steps keep
 * plan order.
 *
 * @param nodes one node per step, in the run's step order
 * @param edges one edge per dependency, {@code from} the step read, {@code to} the step reading it
 * @param levels the number of columns
 * @param rows the number of rows of the tallest column
 */
public record GraphLayout(List<Node> nodes, List<Edge> edges, int levels, int rows) {
  /** A step at column {@code level}, row {@code row}. */
  public record Node(String id, StepRun.State state, int level, int row) {}

  /** A dependency: {@code to} reads from {@code from}. */
  public record Edge(String from, String to) {}

  public GraphLayout {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** Lays out {@code report}'s steps; the report's invariants guarantee there is no cycle. */
  public static GraphLayout of(RunReport report) {
    Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    report.steps().forEach(s -> graph.addVertex(s.id()));
    Map<String, Integer> position = new HashMap<>();
    for (StepRun s : report.steps()) {
      position.put(s.id(), position.size());
      for (String d : s.dependsOn()) {
        if (graph.containsVertex(d)) {
          graph.addEdge(d, s.id());
        }
      }
    }
    Levels<String, DefaultEdge> level = new Levels<>(graph, Comparator.comparing(position::get));
    Map<Integer, Integer> filled = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    int rows = 0;
    for (StepRun s : report.steps()) {
      int l = level.levelOf(s.id());
      int row = filled.merge(l, 1, Integer::sum) - 1;
      nodes.add(new Node(s.id(), s.state(), l, row));
      rows = Math.max(rows, row + 1);
      for (String d : s.dependsOn()) {
        edges.add(new Edge(d, s.id()));
      }
    }
    return new GraphLayout(nodes, edges, level.levels().size(), rows);
  }

  public Node node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }
}
