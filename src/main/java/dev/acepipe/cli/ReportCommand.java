package dev.acepipe.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.json.JsonMappers;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.plan.Planner;
import dev.acepipe.report.ManifestException;
import dev.acepipe.report.RunManifest;
import dev.acepipe.report.html.HtmlReport;
import dev.acepipe.report.html.RunManifests;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.store.ProjectLayout;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine report RUN_DIR}: (re)writes the self-contained HTML report of a finished run from
 * its {@code manifest.json}, and optionally its JUnit XML. The graph's edges come from re-planning
 * the pipeline file the run names, when it is still there and valid; otherwise the report is
 * written without edges and a note says so. Exit 0 when written, 2 when RUN_DIR is not a readable
 * run directory.
 */
@Command(
    name = "report",
    description = "Write the HTML report of a finished run (RUN_DIR/report.html).")
public final class ReportCommand extends EngineCommand {
  @Parameters(
      index = "0",
      paramLabel = "RUN_DIR",
      description = "A run directory, e.g. .acepipe/runs/<run-id>.")
  Path runDir;

  @Mixin RunJUnitOption junit = new RunJUnitOption();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A value for $${params.KEY} when re-planning the pipeline for the graph; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    Path manifestFile = ProjectLayout.manifest(runDir);
    if (!Files.isRegularFile(manifestFile)) {
      throw new CliException(ExitCodes.USAGE, runDir + ": not a run directory (no manifest.json)");
    }
    JsonNode manifest;
    try {
      manifest = JsonMappers.standard().readTree(manifestFile.toFile());
    } catch (JacksonException e) {
      throw new CliException(
          ExitCodes.USAGE, manifestFile + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    RunReport report;
    try {
      RunManifest typed = RunManifest.of(manifest);
      report = RunManifests.read(typed, runDir, dependencies(typed.pipeline()));
    } catch (ManifestException e) {
      throw new CliException(ExitCodes.USAGE, manifestFile + ": " + e.getMessage(), e);
    }
    Path html = HtmlReport.write(report, runDir);
    main.out().println("report: " + html);
    RunJUnitOption.write(junit.file, report, main.out());
    return ExitCodes.OK;
  }

  /**
   * Step id → dependencies from the pipeline the run names, or an empty map (with a note) when it
   * cannot be planned.
   */
  private Map<String, List<String>> dependencies(String pipelineName) {
    Optional<Path> pipeline = pipelineFile(pipelineName == null ? "" : pipelineName);
    if (pipeline.isEmpty()) {
      main.err().println("engine: note: the run's pipeline file is gone; the graph shows no edges");
      return Map.of();
    }
    CheckResult checked = new PipelineChecker().check(pipeline.get(), pipeline.get().toString());
    PlanResult planned =
        checked
            .valid()
            .map(p -> new Planner().plan(p, new PlanInputs(params, main.env())))
            .orElse(null);
    if (planned == null || !planned.ok()) {
      main.err()
          .println(
              "engine: note: " + pipeline.get() + " no longer plans; the graph shows no edges");
      return Map.of();
    }
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (PlannedStep s : planned.plan().steps().values()) {
      deps.put(s.id(), s.dependencies());
    }
    return deps;
  }

  /**
   * The run recorded the file as typed; {@code engine run} takes the file's directory as the
   * project directory.
   */
  private Optional<Path> pipelineFile(String recorded) {
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(recorded);
      Path inProject = RunManifests.projectDirOf(runDir).resolve(p.getFileName());
      for (Path candidate : List.of(inProject, p)) {
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    } catch (InvalidPathException e) {
      // Recorded on another system: no pipeline to re-plan.
    }
    return Optional.empty();
  }
}
