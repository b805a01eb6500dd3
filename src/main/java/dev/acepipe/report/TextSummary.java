package dev.acepipe.report;

import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.run.OutputCopier;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The human summary after a run: one line per step, then the failures with their causes and what
 * they skipped.
 */
public final class TextSummary {
  private TextSummary() {}

  public static void print(
      RunDocuments.RunInfo info,
      RunResult result,
      List<OutputCopier.Copied> outputs,
      PrintWriter out) {
    long takes = result.steps().stream().mapToLong(s -> s.takes().size()).sum();
    out.printf(
        Locale.ROOT,
        "run %s %s in %s (%s, %s, %s to %s)%n",
        info.runId(),
        result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        seconds(result.elapsed()),
        count(result.steps().size(), "step"),
        count(takes, "take"),
        count(result.httpRequests(), "request"),
        result.server());
    int width = result.steps().stream().mapToInt(s -> s.id().length()).max().orElse(4);
    for (StepReport s : result.steps()) {
      out.printf(
          Locale.ROOT,
          "  %s %-" + width + "s  %-9s %s%n",
          mark(s.state()),
          s.id(),
          s.kind(),
          detail(s) + (info.serverOf(s) == null ? "" : ", on " + info.serverOf(s)));
    }
    printServerNotes(result, out);
    List<StepReport> failed = result.inState(StepState.FAILED);
    if (!failed.isEmpty()) {
      out.println("failed:");
      for (StepReport f : failed) {
        out.println("  " + f.id() + ": " + f.error());
        List<String> skipped =
            result.steps().stream()
                .filter(s -> f.id().equals(s.skippedBecause()))
                .map(StepReport::id)
                .toList();
        if (!skipped.isEmpty()) {
          out.println("    skipped because of it: " + String.join(", ", skipped));
        }
      }
    }
    if (result.error() != null) {
      out.println("error: " + result.error());
    }
    if (!result.inFlightTaskIds().isEmpty()) {
      out.println("still in flight on the server: " + String.join(", ", result.inFlightTaskIds()));
    }
    for (OutputCopier.Copied c : outputs) {
      out.println(
          c.ok()
              ? "wrote " + c.target()
              : "not written: " + c.target() + " (" + c.ref() + ": " + c.problem() + ")");
    }
    out.println("manifest: " + dev.acepipe.store.ProjectLayout.manifest(info.runDir()));
  }

  /**
   * Who rendered, what the server used where it differs from the request, and the run's warnings.
   */
  private static void printServerNotes(RunResult result, PrintWriter out) {
    out.println("rendered by: " + result.renderedBy());
    for (StepReport s : result.steps()) {
      if (!s.serverUsed().isEmpty()) {
        StringBuilder line = new StringBuilder();
        s.serverUsed()
            .forEach(
                (k, v) ->
                    line.append(line.length() == 0 ? "" : ", ")
                        .append(k)
                        .append(' ')
                        .append(v instanceof String t ? "'" + t.replace('\n', ' ') + "'" : v));
        out.println("  " + s.id() + ": the server used " + line);
      }
    }
    for (String w : result.warnings()) {
      out.println("warning: " + w);
    }
  }

  private static String detail(StepReport s) {
    return switch (s.state()) {
      case SUCCEEDED ->
          s.takes().size()
              + " take(s)"
              + (s.attempts() > 1 ? ", " + s.attempts() + " attempts" : "")
              + timing(s);
      case CACHED -> s.takes().size() + " take(s), cached";
      case FAILED -> "failed: " + s.error();
      case SKIPPED ->
          s.skippedBecause() != null ? "skipped (" + s.skippedBecause() + " failed)" : "not run";
      case ABANDONED -> "abandoned: " + s.error();
      default -> s.state().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String timing(StepReport s) {
    if (s.startedAt() == null || s.finishedAt() == null) {
      return "";
    }
    return ", " + seconds(Duration.between(s.startedAt(), s.finishedAt()));
  }

  static String mark(StepState state) {
    return switch (state) {
      case SUCCEEDED -> "✓";
      case CACHED -> "=";
      case FAILED -> "✘";
      case SKIPPED -> "-";
      case ABANDONED -> "!";
      default -> "·";
    };
  }

  /** {@code 1 step}, {@code 2 steps}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
