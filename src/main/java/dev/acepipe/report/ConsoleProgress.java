package dev.acepipe.report;

import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live progress on stderr. On a terminal: a table of every step (state, takes, stage/progress, queue position,
 * elapsed) redrawn in place each poll tick. Otherwise (CI, pipes): one line per state change.
 */
public final class ConsoleProgress implements RunListener {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter err;
  private final boolean terminal;
  private final Clock clock;
  private final Map<String, StepState> lastState = new HashMap<>();
  private int drawnLines;

  public ConsoleProgress(PrintWriter err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
  }

  @Override
  public void stepChanged(StepView v) {
    if (terminal) {
      return; // the table shows it on the next tick
    }
    StepState before = lastState.put(v.id(), v.state());
    if (before == v.state()) {
      return;
    }
    StringBuilder line =
        new StringBuilder()
            .append(LocalTime.now(clock.withZone(ZoneOffset.UTC)).format(TIME))
            .append(' ')
            .append(v.id())
            .append(' ')
            .append(v.state().name().toLowerCase(Locale.ROOT));
    if (v.state().hasOutput()) {
      line.append(" (").append(v.takes()).append(" take(s), ").append(TextSummary.seconds(v.elapsed())).append(')');
    }
    if (v.error() != null) {
      line.append(": ").append(v.error());
    }
    err.println(line);
    err.flush();
  }

  @Override
  public void tick(List<StepView> views) {
    if (!terminal) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 0) {
      sb.append("\u001b[").append(drawnLines).append('F'); // back to the table's first line
    }
    int width = views.stream().mapToInt(v -> v.id().length()).max().orElse(4);
    for (StepView v : views) {
      sb.append("\u001b[2K")
          .append(String.format(
              Locale.ROOT,
              "%s %-" + width + "s %-9s %-10s %2d take(s) %-22s %8s%n",
              TextSummary.mark(v.state()),
              v.id(),
              v.kind(),
              v.state().name().toLowerCase(Locale.ROOT),
              v.takes(),
              stage(v),
              v.state() == StepState.WAITING ? "" : TextSummary.seconds(v.elapsed())));
    }
    drawnLines = views.size();
    err.print(sb);
    err.flush();
  }

  private static String stage(StepView v) {
    if (v.state() != StepState.RUNNING) {
      return v.error() == null ? "" : "error";
    }
    String s = v.stage() == null ? "" : v.stage();
    if (v.progress() > 0 && v.progress() < 1) {
      s += String.format(Locale.ROOT, " %3.0f%%", v.progress() * 100);
    }
    if ("queued".equals(v.stage()) && v.queuePosition() > 0) {
      s += " #" + v.queuePosition();
    }
    return s;
  }
}
