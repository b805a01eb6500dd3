package dev.acepipe.report;

import dev.acepipe.client.ServerStats;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Live progress on stderr.
 *
 * <p>On a terminal: the {@link ProgressTable} (header with counts and ETA, one row per step, folded
 * to fit the window) redrawn in place after each poll tick and when the server goes away or comes
 * back.
 *
 * <p>Otherwise (CI, pipes): one timestamped line per state change (queued and running told apart),
 * a heartbeat line per running step every {@link #HEARTBEAT} with the server's progress, and a line
 * when the server becomes unreachable and when it is back.
 */
public final class ConsoleProgress implements RunListener, AutoCloseable {
  /** How often a log gets a line for a step that is still running. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintWriter err;
  private final TerminalDisplay display;
  private final Clock clock;
  private final Map<String, String> lastLabel = new HashMap<>();
  private final Map<String, Instant> lastBeat = new HashMap<>();
  private List<StepView> lastViews = List.of();
  private double avgJobSeconds;
  private ProgressSnapshot.Outage outage;
  private int drawnLines;

  public ConsoleProgress(PrintWriter err, TerminalDisplay display, Clock clock) {
    this.err = err;
    this.display = display;
    this.clock = clock;
  }

  /** A log ({@code terminal} false) or an 80x24 colourless terminal. */
  public ConsoleProgress(PrintWriter err, boolean terminal, Clock clock) {
    this(
        err,
        terminal
            ? TerminalDisplay.fixed(true, false, () -> TerminalDisplay.Size.DEFAULT)
            : TerminalDisplay.log(),
        clock);
  }

  @Override
  public void stepChanged(StepView v) {
    if (display.interactive()) {
      return; // the table shows it on the next tick
    }
    String label = ProgressTable.stateLabel(v);
    String before = lastLabel.put(v.id(), label);
    if (label.equals(before)) {
      return;
    }
    lastBeat.put(v.id(), clock.instant());
    StringBuilder line =
        new StringBuilder().append(time()).append(' ').append(v.id()).append(' ').append(label);
    if (!v.server().isEmpty()) {
      line.append(" on ").append(v.server());
    }
    if (ProgressSnapshot.queued(v) && v.queuePosition() > 0) {
      line.append(" #").append(v.queuePosition());
    }
    if (v.state().hasOutput()) {
      line.append(" (")
          .append(v.takes())
          .append(" take(s), ")
          .append(TextSummary.seconds(v.elapsed()))
          .append(')');
    }
    if (v.error() != null) {
      line.append(": ").append(v.error());
    }
    println(line.toString());
  }

  @Override
  public void tick(List<StepView> views) {
    lastViews = List.copyOf(views);
    if (display.interactive()) {
      redraw();
      return;
    }
    Instant now = clock.instant();
    for (StepView v : views) {
      if (v.state() != StepState.RUNNING) {
        continue;
      }
      Instant last = lastBeat.computeIfAbsent(v.id(), id -> now);
      if (Duration.between(last, now).compareTo(HEARTBEAT) >= 0) {
        lastBeat.put(v.id(), now);
        String detail = ProgressTable.detail(v);
        println(
            time()
                + " "
                + v.id()
                + " "
                + ProgressTable.stateLabel(v)
                + (v.server().isEmpty() ? "" : " on " + v.server())
                + (detail.isEmpty() ? "" : " " + detail)
                + " ("
                + ProgressTable.compact(v.elapsed())
                + ")");
      }
    }
  }

  @Override
  public void serverStats(ServerStats stats) {
    avgJobSeconds = stats.avgJobSeconds();
  }

  @Override
  public void serverUnreachable(String server, Instant since, Duration retryFor) {
    outage = new ProgressSnapshot.Outage(since, retryFor);
    if (display.interactive()) {
      redraw();
    } else {
      println(time() + " " + ProgressTable.unreachable(retryFor) + " (" + server + ")");
    }
  }

  @Override
  public void note(String line) {
    println(time() + " " + line);
    if (display.interactive()) {
      redraw();
    }
  }

  @Override
  public void serverReachable(String server, Duration down) {
    outage = null;
    if (display.interactive()) {
      redraw();
    } else {
      println(time() + " server reachable again after " + ProgressTable.compact(down));
    }
  }

  /** What the display shows now. */
  ProgressSnapshot snapshot() {
    return new ProgressSnapshot(lastViews, avgJobSeconds, outage, clock.instant());
  }

  private void redraw() {
    TerminalDisplay.Size size = display.size();
    List<String> lines =
        ProgressTable.render(snapshot(), size.columns(), size.rows(), display.colour());
    StringBuilder sb = new StringBuilder();
    int up = Math.min(drawnLines, size.rows() - 1);
    if (up > 0) {
      sb.append("\u001b[").append(up).append('F'); // back to the table's first line
    }
    for (String line : lines) {
      sb.append("\u001b[2K").append(line).append('\n');
    }
    sb.append("\u001b[J"); // a shorter table must not leave old rows below it
    drawnLines = lines.size();
    err.print(sb);
    err.flush();
  }

  private String time() {
    return LocalTime.now(clock.withZone(ZoneOffset.UTC)).format(TIME);
  }

  private void println(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public void close() {
    display.close();
  }
}
