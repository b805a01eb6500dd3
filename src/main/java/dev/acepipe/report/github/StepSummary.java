package dev.acepipe.report.github;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.Secrets;
import dev.acepipe.report.html.StepRun;
import dev.acepipe.report.junit.ValidatedFile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The markdown a run or a validation adds to the GitHub job summary: a headline with the verdict, a
 * table of steps (state, kind, duration, attempts, takes), the causes of failures, and where the
 * HTML report is.
 */
public final class StepSummary {
  private StepSummary() {}

  /**
   * The summary of {@code run}.
   *
   * @param reportPath the HTML report's path as the job sees it (e.g. {@code
   *     .acepipe/runs/ID/report.html}), or {@code ""} when none was written
   * @param runUrl the workflow run page, where the uploaded report artifact can be downloaded, if
   *     known
   */
  public static String forRun(RunReport run, String reportPath, Optional<String> runUrl) {
    return forRun(run, reportPath, runUrl, run.pipelineFile());
  }

  /**
   * As {@link #forRun(RunReport, String, Optional)}, naming the pipeline as {@code shownFile}
   * (checkout-relative).
   */
  public static String forRun(
      RunReport run, String reportPath, Optional<String> runUrl, String shownFile) {
    boolean ok = run.succeeded();
    StringBuilder b = new StringBuilder();
    b.append("### ")
        .append(ok ? "\u2705" : "\u274c")
        .append(" acepipe run ")
        .append(md(run.pipelineName()))
        .append(ok ? " passed" : " failed")
        .append("\n\n");
    b.append("Run ")
        .append(md(run.runId()))
        .append(" of ")
        .append(md(shownFile))
        .append(" \u00b7 ")
        .append(run.stateCounts())
        .append(" \u00b7 ")
        .append(duration(run.elapsed()))
        .append(" \u00b7 exit code ")
        .append(run.exitCode())
        .append("\n\n");
    if (!run.error().isEmpty()) {
      b.append("> ").append(md(Secrets.redactText(run.error()))).append("\n\n");
    }
    b.append(
        "| step | kind | state | duration | attempts | takes |\n|---|---|---|---:|---:|---:|\n");
    for (StepRun s : run.steps()) {
      b.append("| ")
          .append(md(s.id()))
          .append(" | ")
          .append(md(s.kind()))
          .append(" | ")
          .append(icon(s.state()))
          .append(' ')
          .append(s.state().label())
          .append(" | ")
          .append(s.duration().map(StepSummary::duration).orElse("\u2014"))
          .append(" | ")
          .append(s.attempts())
          .append(" | ")
          .append(s.takes().size())
          .append(" |\n");
    }
    List<StepRun> failed =
        run.steps().stream().filter(s -> s.state() == StepRun.State.FAILED).toList();
    if (!failed.isEmpty()) {
      b.append("\n**Failures**\n\n");
      for (StepRun s : failed) {
        b.append("- ")
            .append(md(s.id()))
            .append(": ")
            .append(md(s.cause().isEmpty() ? "step failed" : Secrets.redactText(s.cause())))
            .append('\n');
      }
    }
    if (!reportPath.isEmpty()) {
      b.append("\nHTML report: ").append(md(reportPath));
      runUrl.ifPresent(
          u -> b.append(" (in the artifacts of [this workflow run](").append(u).append("))"));
      b.append('\n');
    }
    return b.toString();
  }

  /** The summary of an {@code engine validate} over {@code files}. */
  public static String forValidation(List<ValidatedFile> files) {
    long invalid = files.stream().filter(f -> !f.valid()).count();
    StringBuilder b = new StringBuilder();
    b.append("### ")
        .append(invalid == 0 ? "\u2705" : "\u274c")
        .append(" acepipe validate: ")
        .append(files.size() - invalid)
        .append(" of ")
        .append(files.size())
        .append(" pipeline files valid\n\n");
    b.append("| file | result |\n|---|---|\n");
    for (ValidatedFile f : files) {
      long errors = f.errors().size();
      long warnings = f.diagnostics().size() - errors;
      b.append("| ")
          .append(md(f.file()))
          .append(" | ")
          .append(
              errors == 0
                  ? "\u2705 valid"
                  : "\u274c " + errors + (errors == 1 ? " error" : " errors"))
          .append(warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings"))
          .append(" |\n");
    }
    List<Diagnostic> all = files.stream().flatMap(f -> f.diagnostics().stream()).toList();
    if (!all.isEmpty()) {
      b.append("\n");
      for (Diagnostic d : all) {
        b.append("- ").append(md(d.toString())).append('\n');
      }
    }
    return b.toString();
  }

  private static String icon(StepRun.State s) {
    return switch (s) {
      case PASSED -> "\u2705";
      case CACHED -> "\u267b\ufe0f";
      case FAILED -> "\u274c";
      case SKIPPED -> "\u23ed\ufe0f";
    };
  }

  private static String duration(Duration d) {
    long ms = d.toMillis();
    return ms < 60_000
        ? String.format(Locale.ROOT, "%.3f s", ms / 1000.0)
        : String.format(Locale.ROOT, "%d min %06.3f s", ms / 60_000, (ms % 60_000) / 1000.0);
  }

  /**
   * Text safe in a markdown table cell and inline: markdown punctuation backslash-escaped, {@code
   * <}, {@code >} and {@code &} as entities (GitHub renders HTML in summaries), line breaks folded
   * to spaces.
   */
  static String md(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '\r', '\n', '\t' -> b.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~' -> b.append('\\').append(c);
        default -> {
          if (c >= 0x20) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
