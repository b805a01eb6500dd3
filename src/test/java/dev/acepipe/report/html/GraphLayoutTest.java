package dev.acepipe.report.html;

import static dev.acepipe.report.html.SampleRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
  private static StepRun s(String id, String... deps) {
    return step(id, "generate", StepRun.State.PASSED, "", 1, 0, 1, null, List.of(deps), List.of());
  }

  @Test
  void placesEachStepOneLevelRightOfItsDeepestDependency() {
    RunReport run =
        SampleRuns.run(
            List.of(s("a"), s("b", "a"), s("c", "a"), s("d", "b", "c"), s("e", "a", "d")));

    GraphLayout layout = GraphLayout.of(run);

    assertThat(layout.nodes())
        .extracting(GraphLayout.Node::id, GraphLayout.Node::level, GraphLayout.Node::row)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 0, 0),
            org.assertj.core.groups.Tuple.tuple("b", 1, 0),
            org.assertj.core.groups.Tuple.tuple("c", 1, 1),
            org.assertj.core.groups.Tuple.tuple("d", 2, 0),
            org.assertj.core.groups.Tuple.tuple("e", 3, 0));
    assertThat(layout.levels()).isEqualTo(4);
    assertThat(layout.rows()).isEqualTo(2);
    assertThat(layout.edges()).hasSize(6);
  }

  @Test
  void everyEdgePointsToAHigherLevel() {
    GraphLayout layout = GraphLayout.of(SampleRuns.nightDrive());

    assertThat(layout.edges())
        .allSatisfy(
            e ->
                assertThat(layout.node(e.to()).level())
                    .isGreaterThan(layout.node(e.from()).level()));
  }

  @Test
  void layoutOfALongChainDoesNotOverflowTheStack() {
    List<StepRun> steps = new ArrayList<>();
    steps.add(s("s0"));
    for (int i = 1; i < 20_000; i++) {
      steps.add(s("s" + i, "s" + (i - 1)));
    }
    java.util.Collections.reverse(steps);

    GraphLayout layout = GraphLayout.of(SampleRuns.run(steps));

    assertThat(layout.levels()).isEqualTo(20_000);
    assertThat(layout.node("s19999").level()).isEqualTo(19_999);
  }

  @Test
  void emptyRunHasNoNodes() {
    GraphLayout layout = GraphLayout.of(SampleRuns.run(List.of()));

    assertThat(layout.nodes()).isEmpty();
    assertThat(layout.levels()).isZero();
  }
}
