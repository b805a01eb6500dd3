package dev.acepipe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  private final StringWriter err = new StringWriter();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private static StepView view(String id, StepState state, String stage) {
    return new StepView(id, "generate", state, state == StepState.SUCCEEDED ? 2 : 0, stage, 0.4, 3,
        Duration.ofSeconds(7), 1, null);
  }

  @Test
  void withoutATerminalPrintsOneLinePerStateChangeOnly() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), false, clock);

    progress.stepChanged(view("draft", StepState.RUNNING, "queued"));
    progress.stepChanged(view("draft", StepState.RUNNING, "running"));
    progress.tick(List.of(view("draft", StepState.RUNNING, "running")));
    progress.stepChanged(view("draft", StepState.SUCCEEDED, ""));

    assertThat(err.toString().lines().toList())
        .containsExactly("12:00:00 draft running", "12:00:00 draft succeeded (2 take(s), 7.0 s)");
  }

  @Test
  void onATerminalRedrawsOneTableRowPerStepInPlace() {
    ConsoleProgress progress = new ConsoleProgress(new PrintWriter(err), true, clock);
    List<StepView> views = List.of(view("draft", StepState.RUNNING, "running"), view("cover", StepState.WAITING, ""));

    progress.tick(views);
    progress.tick(views);

    String text = err.toString();
    assertThat(text).contains("draft").contains("running  40%").contains("waiting");
    assertThat(text).contains("\u001b[2F");
  }
}
