package dev.acepipe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class LevelsTest {
  private static Graph<String, DefaultEdge> graph(String... edges) {
    Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (String e : edges) {
      String[] ends = e.split(">");
      g.addVertex(ends[0]);
      if (ends.length > 1) {
        g.addVertex(ends[1]);
        g.addEdge(ends[0], ends[1]);
      }
    }
    return g;
  }

  @Test
  void aVertexSitsOneLevelPastItsLongestIncomingPath() {
    Graph<String, DefaultEdge> g = graph("a>b", "a>c", "b>d", "c>d", "a>e", "d>e");

    Levels<String, DefaultEdge> levels = new Levels<>(g, Comparator.naturalOrder());

    assertThat(levels.levelOf("a")).isZero();
    assertThat(levels.levelOf("d")).isEqualTo(2);
    assertThat(levels.levelOf("e")).isEqualTo(3);
    assertThat(levels.levels())
        .containsExactly(
            java.util.List.of("a"),
            java.util.List.of("b", "c"),
            java.util.List.of("d"),
            java.util.List.of("e"));
  }

  @Test
  void verticesOfOneLevelFollowTheTieBreak() {
    Graph<String, DefaultEdge> g = graph("x", "y", "z");

    Levels<String, DefaultEdge> levels =
        new Levels<>(g, Comparator.<String>naturalOrder().reversed());

    assertThat(levels.levels()).containsExactly(java.util.List.of("z", "y", "x"));
  }

  @Test
  void aCycleHasNoLevels() {
    Graph<String, DefaultEdge> g = graph("a>b", "b>a");

    assertThatThrownBy(() -> new Levels<>(g, Comparator.naturalOrder()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
