package dev.acepipe.report.html;

import static dev.acepipe.report.html.SampleRuns.T0;
import static dev.acepipe.report.html.SampleRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {
  private static StepRun passed(String id, String... deps) {
    return step(id, "generate", StepRun.State.PASSED, "", 1, 0, 10, null, List.of(deps), List.of());
  }

  @Test
  void countsStepsByState() {
    RunReport r = SampleRuns.nightDrive();

    assertThat(r.count(StepRun.State.PASSED)).isEqualTo(3);
    assertThat(r.count(StepRun.State.CACHED)).isEqualTo(1);
    assertThat(r.count(StepRun.State.FAILED)).isEqualTo(1);
    assertThat(r.count(StepRun.State.SKIPPED)).isEqualTo(1);
    assertThat(r.stateCounts()).isEqualTo("3 passed, 1 cached, 1 failed, 1 skipped");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.elapsed().toMillis()).isEqualTo(42_500);
  }

  @Test
  void rejectsTwoStepsWithOneId() {
    assertThatThrownBy(() -> SampleRuns.run(List.of(passed("a"), passed("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' appears twice");
  }

  @Test
  void rejectsDependencyOnAStepOutsideTheRun() {
    assertThatThrownBy(() -> SampleRuns.run(List.of(passed("a", "ghost"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a' depends on 'ghost'");
  }

  @Test
  void rejectsCycleAndNamesItsSteps() {
    assertThatThrownBy(
            () -> SampleRuns.run(List.of(passed("a", "c"), passed("b", "a"), passed("c", "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cycle: a -> c -> b -> a");
  }

  @Test
  void rejectsRunThatFinishesBeforeItStarts() {
    assertThatThrownBy(
            () ->
                new RunReport(
                    "p",
                    "p.yaml",
                    "r",
                    T0,
                    T0.minusSeconds(1),
                    0,
                    "",
                    List.of(),
                    "",
                    List.of(),
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTakePathsThatLeaveTheRunDirectory() {
    for (String bad :
        List.of("/etc/passwd", "../x.wav", "a/../../x.wav", "C:\\x.wav", "http://h/x.wav", "")) {
      assertThatThrownBy(() -> new TakeRun(0, bad, "", 1, null, null, "", null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void takePathUsesForwardSlashes() {
    TakeRun t = new TakeRun(0, "takes\\a\\t.wav", null, 1.5, 1L, null, null, null);

    assertThat(t.audioPath()).isEqualTo("takes/a/t.wav");
    assertThat(t.sha256()).isEmpty();
    assertThat(t.model()).isEmpty();
  }

  @Test
  void stepKeepsItsOwnCopyOfTheRequest() {
    var request = SampleRuns.request("{\"seed\":1}");
    StepRun s =
        step("a", "generate", StepRun.State.PASSED, "", 1, 0, 10, request, List.of(), List.of());

    ((com.fasterxml.jackson.databind.node.ObjectNode) request).put("seed", 2);
    ((com.fasterxml.jackson.databind.node.ObjectNode) s.request()).put("seed", 3);

    assertThat(s.request().get("seed").asInt()).isEqualTo(1);
  }

  @Test
  void stepNeedsBothTimesOrNeither() {
    assertThatThrownBy(
            () ->
                new StepRun(
                    "a",
                    "generate",
                    StepRun.State.PASSED,
                    "",
                    1,
                    T0,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    java.util.Map.of(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both start and finish");
  }
}
