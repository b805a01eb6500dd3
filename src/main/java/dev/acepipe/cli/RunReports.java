package dev.acepipe.cli;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.report.RunManifest;
import dev.acepipe.report.github.GitHubActions;
import dev.acepipe.report.html.HtmlReport;
import dev.acepipe.report.html.RunManifests;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.junit.JUnitXml;
import dev.acepipe.report.junit.ValidatedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code engine run} publishes after the manifest is written: the HTML report ({@code
 * --report}), JUnit XML ({@code --junit}) and, inside GitHub Actions, annotations and a job
 * summary. All of it is read back from the manifest the run just wrote, so a report of this run and
 * {@code engine report} of it later are the same. A pipeline that never got as far as a run
 * (invalid, or not plannable) is published as {@code validate --junit} publishes it: its
 * diagnostics as JUnit cases and annotations.
 */
final class RunReports {
  private final GitHubActions github;

  RunReports(GitHubActions github) {
    this.github = github;
  }

  /** True when nothing is asked for, so the run does not even read its manifest back. */
  boolean nothingToDo(boolean html, Path junit) {
    return !html && junit == null && !github.active();
  }

  /**
   * Publishes the run in {@code runDir}.
   *
   * @param notes where to print the paths written and the Actions workflow commands (stdout for
   *     text output, stderr when stdout carries JSON)
   */
  void publish(Plan plan, Path runDir, boolean html, Path junit, PrintWriter notes)
      throws IOException {
    if (nothingToDo(html, junit)) {
      return;
    }
    RunReport report = RunManifests.read(RunManifest.read(runDir), runDir, dependencies(plan));
    String reportPath = "";
    if (html) {
      Path written = HtmlReport.write(report, runDir);
      // Inside the checkout, as the uploaded artifact lists it; otherwise relative to where the job
      // named the file.
      String inWorkspace = github.workspacePath(written.toAbsolutePath().normalize().toString());
      reportPath =
          Path.of(inWorkspace).isAbsolute()
              ? jobRelative(written, RunManifests.projectDirOf(runDir), plan.file())
              : inWorkspace;
      notes.println("report: " + written);
    }
    RunJUnitOption.write(junit, report, notes);
    github.publishRun(notes, report, reportPath, locations(plan));
    notes.flush();
  }

  /**
   * Publishes a pipeline that could not be run because it is invalid or cannot be planned: {@code
   * --junit} gets one case for the file with every diagnostic (as {@code engine validate --junit}
   * writes it); inside Actions every diagnostic becomes an annotation and the job summary says why.
   */
  void publishInvalid(String file, List<Diagnostic> diagnostics, Path junit, PrintWriter notes)
      throws IOException {
    List<ValidatedFile> files = List.of(new ValidatedFile(file, diagnostics, Duration.ZERO));
    if (junit != null) {
      JUnitXml.write(junit, JUnitXml.forValidation(files, Instant.now()));
      notes.println("junit: " + junit);
    }
    github.publishValidation(notes, files);
    notes.flush();
  }

  /**
   * The report's path as a reader of the job summary can use it: relative to the folder the
   * pipeline was named from, which is where the job runs ({@code .acepipe/runs/<id>/report.html}
   * for a pipeline in the checkout's root, {@code pipelines/.acepipe/runs/<id>/report.html} for one
   * below it). Never an absolute runner path.
   */
  static String jobRelative(Path report, Path projectDir, String pipelineFile) {
    Path inProject =
        projectDir.toAbsolutePath().normalize().relativize(report.toAbsolutePath().normalize());
    Path named = Path.of(pipelineFile).getParent();
    Path prefix = named == null || named.isAbsolute() ? null : named.normalize();
    Path shown =
        prefix == null || prefix.toString().isEmpty() ? inProject : prefix.resolve(inProject);
    return shown.toString().replace('\\', '/');
  }

  /** Step instance id → where the step is declared, for annotations on the step's line. */
  private static Map<String, SourceLocation> locations(Plan plan) {
    Map<String, SourceLocation> out = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps().values()) {
      if (s.location() != null && !SourceLocation.UNKNOWN.equals(s.location())) {
        out.put(s.id(), s.location());
      }
    }
    return out;
  }

  private static Map<String, List<String>> dependencies(Plan plan) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps().values()) {
      deps.put(s.id(), s.dependencies());
    }
    return deps;
  }
}
