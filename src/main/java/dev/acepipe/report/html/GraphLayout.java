package dev.acepipe.report.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Map<String, StepRun> byId = new LinkedHashMap<>();
    report.steps().forEach(s -> byId.put(s.id(), s));
    Map<String, Integer> level = new HashMap<>();
    for (StepRun s : report.steps()) {
      levelOf(s.id(), byId, level);
    }
    Map<Integer, Integer> filled = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    int levels = 0;
    int rows = 0;
    for (StepRun s : report.steps()) {
      int l = level.get(s.id());
      int row = filled.merge(l, 1, Integer::sum) - 1;
      nodes.add(new Node(s.id(), s.state(), l, row));
      levels = Math.max(levels, l + 1);
      rows = Math.max(rows, row + 1);
      for (String d : s.dependsOn()) {
        edges.add(new Edge(d, s.id()));
      }
    }
    return new GraphLayout(nodes, edges, levels, rows);
  }

  /** Iterative so a long chain of steps cannot overflow the stack. */
  private static int levelOf(String id, Map<String, StepRun> byId, Map<String, Integer> level) {
    java.util.Deque<String> todo = new java.util.ArrayDeque<>();
    todo.push(id);
    while (!todo.isEmpty()) {
      String cur = todo.peek();
      if (level.containsKey(cur)) {
        todo.pop();
        continue;
      }
      int max = -1;
      boolean ready = true;
      for (String d : byId.get(cur).dependsOn()) {
        Integer dl = level.get(d);
        if (dl == null) {
          ready = false;
          todo.push(d);
        } else {
          max = Math.max(max, dl);
        }
      }
      if (ready) {
        level.put(cur, max + 1);
        todo.pop();
      }
    }
    return level.get(id);
  }

  public Node node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }
}
