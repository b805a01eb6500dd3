package dev.acepipe.report;

import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ProgressSnapshot} as the lines of the live progress table: a header ({@code 3/7
 * done · 2 running · 1 queued · ETA 4m10s}) and one row per step. A pure function of (snapshot,
 * width, height, colour):
 *
 * <ul>
 *   <li>no line is wider than {@code width - 1} columns, so the terminal never wraps one (a wrapped
 *       line would break the cursor arithmetic of the redraw);
 *   <li>at most {@code height - 1} lines, so redrawing in place never moves the cursor above the
 *       top of the screen (which is what floods the scrollback): when the rows do not fit, finished
 *       steps are folded into one count line, then the rows that still do not fit into a "… N more"
 *       line;
 *   <li>with {@code colour}, each row is coloured by its state (ANSI SGR); without it the text is
 *       plain.
 * </ul>
 */
public final class ProgressTable {
  static final String RESET = "\u001b[0m";

  private ProgressTable() {}

  public static List<String> render(ProgressSnapshot s, int width, int height, boolean colour) {
    int cols = Math.max(20, width) - 1;
    int maxLines = Math.max(2, height - 1);
    List<String> lines = new ArrayList<>();
    lines.add(fit(header(s), cols));

    List<StepView> rows = s.steps();
    int room = maxLines - 1;
    List<String> body = new ArrayList<>();
    if (rows.size() > room) {
      // Finished steps first make room: their outcome is in the count (failures stay visible while
      // they fit).
      List<StepView> finished =
          rows.stream().filter(v -> v.state().terminal() && v.state() != StepState.FAILED).toList();
      List<StepView> shown = rows.stream().filter(v -> !finished.contains(v)).toList();
      if (!finished.isEmpty()) {
        body.add(paint(fit("  " + finishedLine(finished), cols), colour ? GREEN : null));
        room--;
      }
      rows = shown;
    }
    int idWidth =
        Math.min(
            Math.max(4, rows.stream().mapToInt(v -> v.id().length()).max().orElse(4)), cols / 3);
    // A pool adds the column of each step's server; one server keeps the table as it was.
    int serverWidth = rows.stream().mapToInt(v -> v.server().length()).max().orElse(0);
    int shown = rows.size() <= room ? rows.size() : Math.max(0, room - 1);
    for (int i = 0; i < shown; i++) {
      StepView v = rows.get(i);
      body.add(paint(fit(row(v, idWidth, serverWidth), cols), colour ? colourOf(v) : null));
    }
    if (shown < rows.size()) {
      body.add(fit("  \u2026 " + (rows.size() - shown) + " more", cols));
    }
    lines.addAll(body);
    return lines;
  }

  /** {@code 3/7 done · 2 running · 1 queued · ETA 4m10s}, plus failures and an ongoing outage. */
  public static String header(ProgressSnapshot s) {
    StringBuilder b =
        new StringBuilder()
            .append(s.done())
            .append('/')
            .append(s.steps().size())
            .append(" done")
            .append(" \u00b7 ")
            .append(s.runningCount())
            .append(" running")
            .append(" \u00b7 ")
            .append(s.queuedCount())
            .append(" queued");
    long failed = s.count(StepState.FAILED);
    if (failed > 0) {
      b.append(" \u00b7 ").append(failed).append(" failed");
    }
    s.eta().ifPresent(eta -> b.append(" \u00b7 ETA ").append(compact(eta)));
    s.currentOutage()
        .ifPresent(
            o ->
                b.append(" \u00b7 ")
                    .append(unreachable(o.retryFor()))
                    .append(" (down ")
                    .append(compact(Duration.between(o.since(), s.now())))
                    .append(')'));
    return b.toString();
  }

  /** {@code server unreachable, retrying for up to 2m}. */
  static String unreachable(Duration retryFor) {
    return "server unreachable, retrying for up to " + compact(retryFor);
  }

  /** {@code 45s}, {@code 4m10s}, {@code 1h02m}: short enough for a header. */
  public static String compact(Duration d) {
    long s = Math.max(0, (d.toMillis() + 999) / 1000);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s % 60 == 0 ? s / 60 + "m" : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s / 60) % 60);
  }

  /**
   * The state word a person reads: a submitted job is {@code queued} until the server starts it.
   */
  static String stateLabel(StepView v) {
    if (ProgressSnapshot.queued(v)) {
      return "queued";
    }
    return v.state().name().toLowerCase(Locale.ROOT);
  }

  /**
   * What a running or queued step is doing: {@code #3 in queue}, {@code running 40%}, {@code
   * downloading}.
   */
  static String detail(StepView v) {
    if (ProgressSnapshot.queued(v)) {
      return v.queuePosition() > 0 ? "#" + v.queuePosition() + " in queue" : "";
    }
    if (v.state() != StepState.RUNNING) {
      return v.error() == null ? "" : "error";
    }
    String stage = v.stage() == null || v.stage().equals("running") ? "" : v.stage();
    if (v.progress() > 0 && v.progress() < 1) {
      stage = (stage + String.format(Locale.ROOT, " %3.0f%%", v.progress() * 100)).strip();
    }
    return stage;
  }

  private static String row(StepView v, int idWidth, int serverWidth) {
    String id =
        v.id().length() > idWidth
            ? v.id().substring(0, Math.max(1, idWidth - 1)) + "\u2026"
            : v.id();
    String takes = v.takes() == 0 ? "" : v.takes() + (v.takes() == 1 ? " take" : " takes");
    String server =
        serverWidth == 0 ? "" : String.format(Locale.ROOT, " %-" + serverWidth + "s", v.server());
    return String.format(
            Locale.ROOT,
            "%s %-" + idWidth + "s %-8s %-9s%s %-8s %-18s %6s",
            TextSummary.mark(v.state()),
            id,
            v.kind(),
            stateLabel(v),
            server,
            takes,
            detail(v),
            v.state() == StepState.WAITING ? "" : compact(v.elapsed()))
        .stripTrailing();
  }

  private static String finishedLine(List<StepView> finished) {
    StringBuilder b = new StringBuilder().append(finished.size()).append(" finished (");
    List<String> parts = new ArrayList<>();
    for (StepState st : StepState.values()) {
      long n = finished.stream().filter(v -> v.state() == st).count();
      if (n > 0) {
        parts.add(n + " " + st.name().toLowerCase(Locale.ROOT));
      }
    }
    return b.append(String.join(", ", parts)).append(')').toString();
  }

  private static String fit(String line, int cols) {
    if (line.codePointCount(0, line.length()) <= cols) {
      return line;
    }
    int end = line.offsetByCodePoints(0, cols - 1);
    return line.substring(0, end) + "\u2026";
  }

  private static final String GREEN = "\u001b[32m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";

  private static String colourOf(StepView v) {
    if (ProgressSnapshot.queued(v)) {
      return YELLOW;
    }
    return switch (v.state()) {
      case RUNNING -> CYAN;
      case SUCCEEDED, CACHED -> GREEN;
      case FAILED, ABANDONED -> RED;
      case WAITING, SKIPPED -> DIM;
    };
  }

  private static String paint(String text, String sgr) {
    return sgr == null ? text : sgr + text + RESET;
  }
}
