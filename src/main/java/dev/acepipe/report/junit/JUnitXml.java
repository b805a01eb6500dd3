package dev.acepipe.report.junit;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.report.html.ReportFiles;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.Secrets;
import dev.acepipe.report.html.StepRun;
import dev.acepipe.report.html.TakeRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Renders runs and validations as JUnit XML (the Jenkins/Surefire dialect: {@code testsuites >
 * testsuite > testcase} with {@code failure}, {@code error} and {@code skipped}).
 *
 * <p>Mapping of a run: the suite is named after the pipeline; each step is a test case named by its
 * step id with the step kind as class name. Passed and cached steps pass (cached ones with time 0
 * and a note), failed steps carry a {@code <failure>} with the cause, skipped steps a {@code
 * <skipped>} with the reason. A run that failed without any failed step gets one extra test case
 * {@code (run)}: a {@code <failure>} when it exits 1 (a declared output or the album was not
 * written), an {@code <error>} otherwise (server unreachable, interrupted), so CI never shows green
 * for a red run.
 *
 * <p>Mapping of a validation: one suite {@code acepipe validate}, one case per file; a file with
 * errors fails, its message counts the errors and its body lists every diagnostic as {@code
 * file:line:col: error[code]: message}. Warnings alone do not fail a file; they are listed in
 * {@code <system-out>}.
 *
 * <p>A take checked against its step's {@code expect:} gets its own case {@code STEP take N
 * checks}: a failure naming the unmet expectations, the measured values in {@code <system-out>}.
 */
public final class JUnitXml {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JUnitXml() {}

  /** The JUnit XML document for one run. */
  public static String forRun(RunReport run) {
    List<StepRun> steps = run.steps();
    long stepFailures = run.count(StepRun.State.FAILED);
    long skipped = run.count(StepRun.State.SKIPPED);
    boolean runCase = !run.succeeded() && stepFailures == 0;
    // Exit 1 with no failed step means the run did not deliver what it declares (album, outputs): a
    // failure.
    // Any other exit (server gone, interrupted) is an error of the environment.
    boolean runFailure = runCase && run.exitCode() == 1;
    long checked =
        steps.stream().flatMap(s -> s.takes().stream()).filter(t -> t.checks() != null).count();
    long failures =
        stepFailures
            + (runFailure ? 1 : 0)
            + steps.stream()
                .flatMap(s -> s.takes().stream())
                .filter(t -> t.checks() != null && !t.checks().passed())
                .count();
    long tests = steps.size() + checked + (runCase ? 1 : 0);
    int errors = runCase && !runFailure ? 1 : 0;
    String time = seconds(run.elapsed());
    StringBuilder b = new StringBuilder(4096);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"acepipe run\"");
    counts(b, tests, failures, errors, skipped, time);
    b.append(">\n  <testsuite name=\"").append(XmlText.esc(run.pipelineName())).append('"');
    counts(b, tests, failures, errors, skipped, time);
    b.append(" timestamp=\"")
        .append(TIMESTAMP.format(run.startedAt()))
        .append("\" file=\"")
        .append(XmlText.esc(run.pipelineFile()))
        .append("\">\n");
    b.append("    <properties>\n");
    property(b, "acepipe.pipeline.file", run.pipelineFile());
    property(b, "acepipe.run.id", run.runId());
    property(b, "acepipe.exit.code", Integer.toString(run.exitCode()));
    b.append("    </properties>\n");
    for (StepRun s : steps) {
      openTestcase(
          b,
          s.id(),
          run.pipelineName() + "." + s.kind(),
          seconds(
              s.state() == StepRun.State.CACHED
                  ? Duration.ZERO
                  : s.duration().orElse(Duration.ZERO)),
          run.pipelineFile());
      String cause = Secrets.redactText(s.cause());
      switch (s.state()) {
        case FAILED -> {
          b.append(">\n");
          failure(
              b, "failure", firstLine(cause, "step failed"), "step-failed", failureBody(s, cause));
          takesOut(b, s);
          b.append("    </testcase>\n");
        }
        case SKIPPED -> {
          b.append(">\n      <skipped");
          attribute(b, "message", cause.isEmpty() ? "skipped" : cause);
          b.append("/>\n    </testcase>\n");
        }
        case PASSED, CACHED -> {
          if (s.takes().isEmpty() && s.state() == StepRun.State.PASSED) {
            b.append("/>\n");
          } else {
            b.append(">\n");
            takesOut(b, s);
            b.append("    </testcase>\n");
          }
        }
      }
    }
    for (StepRun s : steps) {
      takeChecks(b, run, s);
    }
    if (runCase) {
      String why =
          Secrets.redactText(
              run.error().isEmpty() ? "run failed with exit code " + run.exitCode() : run.error());
      String element = runFailure ? "failure" : "error";
      openTestcase(b, "(run)", run.pipelineName(), time, null);
      b.append(">\n");
      failure(b, element, firstLine(why, "run failed"), "exit-" + run.exitCode(), why);
      b.append("    </testcase>\n");
    }
    b.append("  </testsuite>\n</testsuites>\n");
    return b.toString();
  }

  /** The JUnit XML document for one {@code engine validate} invocation over {@code files}. */
  public static String forValidation(List<ValidatedFile> files, Instant startedAt) {
    long failures = files.stream().filter(f -> !f.valid()).count();
    Duration total = files.stream().map(ValidatedFile::time).reduce(Duration.ZERO, Duration::plus);
    String time = seconds(total);
    StringBuilder b = new StringBuilder(2048);
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"acepipe validate\"");
    counts(b, files.size(), failures, 0, 0, time);
    b.append(">\n  <testsuite name=\"acepipe validate\"");
    counts(b, files.size(), failures, 0, 0, time);
    b.append(" timestamp=\"").append(TIMESTAMP.format(startedAt)).append("\">\n");
    for (ValidatedFile f : files) {
      openTestcase(b, f.file(), "validate", seconds(f.time()), f.file());
      List<Diagnostic> errors = f.errors();
      List<Diagnostic> warnings = f.diagnostics().stream().filter(d -> !d.isError()).toList();
      if (errors.isEmpty() && warnings.isEmpty()) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n");
      if (!errors.isEmpty()) {
        Diagnostic first = errors.get(0);
        String message =
            errors.size() == 1 ? first.toString() : errors.size() + " errors; first: " + first;
        failure(b, "failure", message, first.code(), lines(errors));
      }
      if (!warnings.isEmpty()) {
        b.append("      <system-out>")
            .append(XmlText.esc(lines(warnings)))
            .append("</system-out>\n");
      }
      b.append("    </testcase>\n");
    }
    b.append("  </testsuite>\n</testsuites>\n");
    return b.toString();
  }

  /** Writes {@code xml} to {@code file} atomically (a CI collector never reads half a report). */
  public static void write(Path file, String xml) throws IOException {
    ReportFiles.writeAtomically(file, xml);
  }

  private static String lines(List<Diagnostic> ds) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic d : ds) {
      b.append(d);
      d.hintText().ifPresent(h -> b.append(" (").append(h).append(')'));
      b.append('\n');
    }
    return b.toString();
  }

  private static String failureBody(StepRun s, String cause) {
    StringBuilder b = new StringBuilder(cause.isEmpty() ? "step failed" : cause);
    b.append("\nkind: ").append(s.kind()).append("\nattempts: ").append(s.attempts());
    if (!s.taskIds().isEmpty()) {
      b.append("\ntask ids: ").append(String.join(", ", s.taskIds()));
    }
    return b.toString();
  }

  private static void takesOut(StringBuilder b, StepRun s) {
    if (s.takes().isEmpty() && s.state() != StepRun.State.CACHED) {
      return;
    }
    StringBuilder out = new StringBuilder();
    if (s.state() == StepRun.State.CACHED) {
      out.append("cached: outputs reused, nothing sent to the server\n");
    }
    for (TakeRun t : s.takes()) {
      out.append("take ")
          .append(t.index())
          .append(": ")
          .append(t.audioPath())
          .append(String.format(Locale.ROOT, " (%.2f s", t.durationSeconds()));
      if (t.seedSent() != null) {
        out.append(", seed ").append(t.seedSent());
      }
      if (!t.sha256().isEmpty()) {
        out.append(", sha256 ").append(t.sha256());
      }
      out.append(")\n");
    }
    b.append("      <system-out>").append(XmlText.esc(out.toString())).append("</system-out>\n");
  }

  /**
   * One test case per checked take: its measured values, and a failure naming the unmet
   * expectations.
   */
  private static void takeChecks(StringBuilder b, RunReport run, StepRun s) {
    for (TakeRun t : s.takes()) {
      if (t.checks() == null) {
        continue;
      }
      openTestcase(
          b,
          s.id() + " take " + t.index() + " checks",
          run.pipelineName() + ".checks",
          "0.000",
          run.pipelineFile());
      b.append(">\n");
      if (!t.checks().passed()) {
        String why = String.join("; ", t.checks().failures());
        failure(b, "failure", why, "take-checks", String.join("\n", t.checks().failures()));
      }
      StringBuilder measured = new StringBuilder();
      t.checks()
          .measured()
          .forEach(
              (k, v) -> measured.append(k).append(": ").append(v == null ? "n/a" : v).append('\n'));
      b.append("      <system-out>")
          .append(XmlText.esc(measured.toString()))
          .append("</system-out>\n");
      b.append("    </testcase>\n");
    }
  }

  private static void counts(
      StringBuilder b, long tests, long failures, long errors, long skipped, String time) {
    b.append(" tests=\"")
        .append(tests)
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"")
        .append(errors)
        .append("\" skipped=\"")
        .append(skipped)
        .append("\" time=\"")
        .append(time)
        .append('"');
  }

  private static void property(StringBuilder b, String name, String value) {
    b.append("      <property");
    attribute(b, "name", name);
    attribute(b, "value", value);
    b.append("/>\n");
  }

  /**
   * Opens {@code <testcase name classname time file>} and leaves the tag open for its body or
   * {@code />}; {@code file} is null for a case that stands for no file.
   */
  private static void openTestcase(
      StringBuilder b, String name, String classname, String time, String file) {
    b.append("    <testcase");
    attribute(b, "name", name);
    attribute(b, "classname", classname);
    attribute(b, "time", time);
    if (file != null) {
      attribute(b, "file", file);
    }
  }

  /** A {@code <failure>} or {@code <error>} element of a test case: message, type and full text. */
  private static void failure(
      StringBuilder b, String element, String message, String type, String text) {
    b.append("      <").append(element);
    attribute(b, "message", message);
    attribute(b, "type", type);
    b.append('>').append(XmlText.esc(text)).append("</").append(element).append(">\n");
  }

  /** {@code name="value"} with the value escaped for a double-quoted attribute. */
  private static void attribute(StringBuilder b, String name, String value) {
    b.append(' ').append(name).append("=\"").append(XmlText.esc(value)).append('"');
  }

  private static String firstLine(String s, String fallback) {
    if (s.isBlank()) {
      return fallback;
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Seconds with millisecond precision and a dot, whatever the default locale. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.truncatedTo(ChronoUnit.MILLIS).toMillis() / 1000.0);
  }
}
