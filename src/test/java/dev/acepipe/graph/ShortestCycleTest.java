package dev.acepipe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class ShortestCycleTest {
  private static Graph<String, DefaultEdge> graph(String... edges) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (String e : edges) {
      String[] ends = e.split(">");
      g.addVertex(ends[0]);
      g.addVertex(ends[1]);
      g.addEdge(ends[0], ends[1]);
    }
    return g;
  }

  @Test
  void findsTheShorterOfTwoCyclesThroughAVertex() {
    Graph<String, DefaultEdge> g = graph("a>b", "b>c", "c>d", "d>a", "b>a");

    assertThat(new ShortestCycle<>(g, Comparator.<String>naturalOrder()).through("a"))
        .contains(List.of("a", "b"));
  }

  @Test
  void amongEqualCyclesTakesTheOneTheOrderPrefers() {
    Graph<String, DefaultEdge> g = graph("a>b", "b>a", "a>c", "c>a");

    assertThat(new ShortestCycle<>(g, Comparator.<String>naturalOrder()).through("a"))
        .contains(List.of("a", "b"));
    assertThat(new ShortestCycle<>(g, Comparator.<String>naturalOrder().reversed()).through("a"))
        .contains(List.of("a", "c"));
  }

  @Test
  void aSelfLoopIsACycleOfOne() {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    g.addVertex("a");
    g.addEdge("a", "a");

    assertThat(new ShortestCycle<>(g, Comparator.<String>naturalOrder()).through("a"))
        .contains(List.of("a"));
  }

  @Test
  void aVertexOnNoCycleHasNone() {
    Graph<String, DefaultEdge> g = graph("a>b", "b>c", "c>b");

    assertThat(new ShortestCycle<>(g, Comparator.<String>naturalOrder()).through("a")).isEmpty();
  }
}
