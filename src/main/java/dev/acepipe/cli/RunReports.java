package dev.acepipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.report.github.GitHubActions;
import dev.acepipe.report.html.HtmlReport;
import dev.acepipe.report.html.RunManifests;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.junit.JUnitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code engine run} publishes after the manifest is written: the HTML report ({@code --report}), JUnit XML
 * ({@code --junit}) and, inside GitHub Actions, annotations and a job summary. All of it is read back from the
 * manifest the run just wrote, so a report of this run and {@code engine report} of it later are the same.
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
   * @param notes where to print the paths written and the Actions workflow commands (stdout for text output,
   *     stderr when stdout carries JSON)
   */
  void publish(Plan plan, Path runDir, boolean html, Path junit, PrintWriter notes) throws IOException {
    if (nothingToDo(html, junit)) {
      return;
    }
    JsonNode manifest = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
    RunReport report = RunManifests.read(manifest, runDir, dependencies(plan));
    String reportPath = "";
    if (html) {
      Path written = HtmlReport.write(report, runDir);
      reportPath = written.toString();
      notes.println("report: " + written);
    }
    if (junit != null) {
      JUnitXml.write(junit, JUnitXml.forRun(report));
      notes.println("junit: " + junit);
    }
    github.publishRun(notes, report, reportPath);
    notes.flush();
  }

  private static Map<String, List<String>> dependencies(Plan plan) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (PlannedStep s : plan.steps().values()) {
      deps.put(s.id(), s.dependencies());
    }
    return deps;
  }
}
