package dev.acepipe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTableTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private static StepView view(
      String id,
      StepState state,
      String stage,
      int queuePosition,
      double progress,
      long elapsedSeconds) {
    return new StepView(
        id,
        "generate",
        state,
        state.hasOutput() ? 2 : 0,
        stage,
        progress,
        queuePosition,
        Duration.ofSeconds(elapsedSeconds),
        1,
        state == StepState.FAILED ? "boom" : null,
        "");
  }

  /** 3 done, 2 running, 1 queued, 1 waiting. */
  private static List<StepView> seven() {
    return List.of(
        view("intro", StepState.SUCCEEDED, "", -1, 1, 40),
        view("verse", StepState.CACHED, "", -1, 1, 0),
        view("bridge", StepState.SUCCEEDED, "", -1, 1, 35),
        view("hook", StepState.RUNNING, "running", 1, 0.4, 20),
        view("chorus", StepState.RUNNING, "running", 2, 0.1, 10),
        view("outro", StepState.RUNNING, "queued", 3, 0, 5),
        view("master", StepState.WAITING, "", -1, -1, 0));
  }

  @Test
  void headerCountsDoneRunningAndQueuedAndEstimatesTheTimeLeftFromTheServersAverage() {
    ProgressSnapshot s = new ProgressSnapshot(seven(), 100, null, NOW);

    // running: (100-20) + (100-10) = 170; queued + waiting: 200; over 2 running slots = 185 s
    assertThat(ProgressTable.header(s))
        .isEqualTo("3/7 done \u00b7 2 running \u00b7 1 queued \u00b7 ETA 3m05s");
  }

  @Test
  void withoutAServerAverageThereIsNoEta() {
    assertThat(ProgressTable.header(new ProgressSnapshot(seven(), 0, null, NOW)))
        .isEqualTo("3/7 done \u00b7 2 running \u00b7 1 queued");
  }

  @Test
  void queuedJobsAreToldApartFromRunningOnesWithTheirQueuePosition() {
    List<String> lines =
        ProgressTable.render(new ProgressSnapshot(seven(), 100, null, NOW), 100, 40, false);

    assertThat(lines).hasSize(8);
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).contains("outro").contains("queued").contains("#3 in queue"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).contains("hook").contains("running").contains("40%"));
  }

  @Test
  void aTallPipelineFoldsFinishedStepsIntoOneLineAndNeverExceedsTheScreen() {
    List<StepView> thirty = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      thirty.add(view("done-" + i, StepState.SUCCEEDED, "", -1, 1, 30));
    }
    thirty.add(view("broken", StepState.FAILED, "", -1, -1, 3));
    for (int i = 0; i < 5; i++) {
      thirty.add(view("live-" + i, StepState.RUNNING, "running", -1, 0.5, 3));
    }

    List<String> lines =
        ProgressTable.render(new ProgressSnapshot(thirty, 60, null, NOW), 80, 15, false);

    assertThat(lines).hasSizeLessThanOrEqualTo(14);
    assertThat(lines.get(0))
        .startsWith("25/30 done \u00b7 5 running \u00b7 0 queued \u00b7 1 failed");
    assertThat(lines.get(1)).contains("24 finished (24 succeeded)");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("broken").contains("failed"));
    assertThat(lines).filteredOn(l -> l.contains("live-")).hasSize(5);
  }

  @Test
  void whenEvenTheActiveStepsDoNotFitTheRestIsCounted() {
    List<StepView> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(view("wait-" + i, StepState.WAITING, "", -1, -1, 0));
    }

    List<String> lines =
        ProgressTable.render(new ProgressSnapshot(many, 0, null, NOW), 80, 8, false);

    assertThat(lines).hasSize(7);
    assertThat(lines.get(6)).isEqualTo("  \u2026 15 more");
  }

  @Test
  void noLineIsWiderThanTheTerminalLessOneColumn() {
    List<StepView> steps = new ArrayList<>(seven());
    steps.add(
        view(
            "a-very-long-step-name[mood=bright,tempo=fast,key=C minor]",
            StepState.RUNNING,
            "running",
            -1,
            0.25,
            61));

    for (int width : new int[] {20, 40, 60, 132}) {
      List<String> lines =
          ProgressTable.render(new ProgressSnapshot(steps, 90, null, NOW), width, 24, false);

      assertThat(lines)
          .allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThan(width));
    }
  }

  @Test
  void colourIsOnlyWrittenWhenAsked() {
    ProgressSnapshot s = new ProgressSnapshot(seven(), 100, null, NOW);

    assertThat(String.join("\n", ProgressTable.render(s, 100, 40, false)))
        .doesNotContain("\u001b[");
    assertThat(String.join("\n", ProgressTable.render(s, 100, 40, true)))
        .contains("\u001b[32m")
        .contains("\u001b[33m");
  }

  @Test
  void anOutageShowsInTheHeaderWithHowLongTheServerHasBeenDown() {
    ProgressSnapshot s =
        new ProgressSnapshot(
            seven(),
            0,
            new ProgressSnapshot.Outage(NOW.minusSeconds(35), Duration.ofMinutes(2)),
            NOW);

    assertThat(ProgressTable.header(s))
        .endsWith("server unreachable, retrying for up to 2m (down 35s)");
  }

  @Test
  void inAPoolEachRowNamesItsServerAndWithOneServerTheRowsAreUnchanged() {
    StepView onGpu2 =
        new StepView(
            "hook",
            "generate",
            StepState.RUNNING,
            0,
            "running",
            0.4,
            1,
            Duration.ofSeconds(20),
            1,
            null,
            "gpu-2");
    StepView waiting = view("master", StepState.WAITING, "", -1, -1, 0);
    StepView alone = view("hook", StepState.RUNNING, "running", 1, 0.4, 20);

    List<String> pool =
        ProgressTable.render(
            new ProgressSnapshot(List.of(onGpu2, waiting), 0, null, NOW), 100, 40, false);
    List<String> single =
        ProgressTable.render(new ProgressSnapshot(List.of(alone), 0, null, NOW), 100, 40, false);

    assertThat(pool.get(1)).contains("running   gpu-2").contains("40%");
    assertThat(pool.get(2)).startsWith("\u00b7 master").doesNotContain("gpu");
    assertThat(single.get(1))
        .isEqualTo(
            TextSummary.mark(StepState.RUNNING)
                + " hook generate running            40%                   20s");
  }

  @Test
  void compactDurationsReadLikeAClock() {
    assertThat(ProgressTable.compact(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(ProgressTable.compact(Duration.ofSeconds(250))).isEqualTo("4m10s");
    assertThat(ProgressTable.compact(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(ProgressTable.compact(Duration.ofSeconds(3720))).isEqualTo("1h02m");
  }
}
