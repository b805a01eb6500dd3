package dev.acepipe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.ServerStats;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  private final StringWriter err = new StringWriter();
  private final SteppedClock clock = new SteppedClock();

  /** Moves only when told to: heartbeats are tested without waiting. */
  private static final class SteppedClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static StepView view(String id, StepState state, String stage) {
    return new StepView(
        id,
        "generate",
        state,
        state == StepState.SUCCEEDED ? 2 : 0,
        stage,
        0.4,
        3,
        Duration.ofSeconds(7),
        1,
        null,
        "");
  }

  @Test
  void withoutATerminalPrintsOneLinePerStateChangeTellingQueuedFromRunning() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), false, clock);

    progress.stepChanged(view("draft", StepState.RUNNING, "queued"));
    progress.stepChanged(view("draft", StepState.RUNNING, "running"));
    progress.tick(List.of(view("draft", StepState.RUNNING, "running")));
    progress.stepChanged(view("draft", StepState.RUNNING, "running"));
    progress.stepChanged(view("draft", StepState.SUCCEEDED, ""));

    assertThat(err.toString().lines().toList())
        .containsExactly(
            "12:00:00 draft queued #3",
            "12:00:00 draft running",
            "12:00:00 draft succeeded (2 take(s), 7.0 s)");
  }

  @Test
  void withoutATerminalAStepOfAPoolSaysWhichServerItIsOn() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), false, clock);

    progress.stepChanged(
        new StepView(
            "draft",
            "generate",
            StepState.RUNNING,
            0,
            "queued",
            0,
            2,
            Duration.ZERO,
            1,
            null,
            "gpu-2"));

    assertThat(err.toString().lines().toList())
        .containsExactly("12:00:00 draft queued on gpu-2 #2");
  }

  @Test
  void withoutATerminalARunningStepGetsAHeartbeatEveryThirtySeconds() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), false, clock);
    progress.stepChanged(view("draft", StepState.RUNNING, "running"));

    for (int i = 0; i < 13; i++) { // 65 s in 5 s ticks
      clock.advance(Duration.ofSeconds(5));
      progress.tick(List.of(view("draft", StepState.RUNNING, "running")));
    }

    assertThat(err.toString().lines().toList())
        .containsExactly(
            "12:00:00 draft running",
            "12:00:30 draft running 40% (7s)",
            "12:01:00 draft running 40% (7s)");
  }

  @Test
  void withoutATerminalAnOutageAndTheRecoveryEachGetALine() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), false, clock);

    progress.serverUnreachable("http://gpu:8001", clock.instant(), Duration.ofMinutes(2));
    clock.advance(Duration.ofSeconds(45));
    progress.serverReachable("http://gpu:8001", Duration.ofSeconds(45));

    assertThat(err.toString().lines().toList())
        .containsExactly(
            "12:00:00 server unreachable, retrying for up to 2m (http://gpu:8001)",
            "12:00:45 server reachable again after 45s");
  }

  @Test
  void onATerminalRedrawsInPlaceWithAHeaderAndNeverMovesAboveTheScreen() {
    ConsoleProgress progress =
        new ConsoleProgress(
            new PrintWriter(err),
            TerminalDisplay.fixed(true, false, () -> new TerminalDisplay.Size(60, 6)),
            clock);
    List<StepView> views = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      views.add(view("step-" + i, StepState.WAITING, ""));
    }
    progress.serverStats(new ServerStats(0, 0, 0, 0, 0, 0, 0, 10));

    progress.tick(views);
    progress.tick(views);

    String text = err.toString();
    assertThat(text).contains("0/30 done \u00b7 0 running \u00b7 0 queued \u00b7 ETA 5m");
    assertThat(text).contains("\u001b[5F").doesNotContain("\u001b[30F").doesNotContain("\u001b[3");
    assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(10); // two draws of 5 lines
  }

  @Test
  void onATerminalAnOutageRedrawsTheHeader() {
    ConsoleProgress progress =
        new ConsoleProgress(
            new PrintWriter(err),
            TerminalDisplay.fixed(true, false, () -> new TerminalDisplay.Size(120, 24)),
            clock);
    progress.tick(List.of(view("draft", StepState.RUNNING, "running")));

    progress.serverUnreachable("http://gpu:8001", clock.instant(), Duration.ofMinutes(2));

    assertThat(err.toString()).contains("server unreachable, retrying for up to 2m (down 0s)");
  }
}
