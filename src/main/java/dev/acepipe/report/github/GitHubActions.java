package dev.acepipe.report.github;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.Secrets;
import dev.acepipe.report.html.StepRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What acepipe does differently when it runs as a GitHub Actions step ({@code
 * GITHUB_ACTIONS=true}): annotations on stdout and a markdown job summary appended to {@code
 * $GITHUB_STEP_SUMMARY}. Outside Actions every method is a no-op, so callers need no condition of
 * their own.
 *
 * <p>Built from the process environment by the CLI ({@code GitHubActions.of(System.getenv())}) and
 * from a plain map in tests. Immutable and thread-safe; summary appends from several threads are
 * not ordered.
 */
public final class GitHubActions {
  private final Map<String, String> env;

  private GitHubActions(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Reads only the variables it needs from {@code env}; other variables (secrets!) are not kept.
   */
  public static GitHubActions of(Map<String, String> env) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String k :
        List.of(
            "GITHUB_ACTIONS",
            "GITHUB_STEP_SUMMARY",
            "GITHUB_WORKSPACE",
            "GITHUB_SERVER_URL",
            "GITHUB_REPOSITORY",
            "GITHUB_RUN_ID")) {
      String v = env.get(k);
      if (v != null) {
        kept.put(k, v);
      }
    }
    return new GitHubActions(kept);
  }

  /** True when running as a GitHub Actions step. */
  public boolean active() {
    return "true".equals(env.get("GITHUB_ACTIONS"));
  }

  /**
   * The annotation commands for {@code diagnostics}: {@code ::error} or {@code ::warning} with
   * file, line, col and the diagnostic code as title; the hint, if any, follows the message.
   * Computed whether or not Actions is active.
   */
  public List<String> annotations(List<Diagnostic> diagnostics) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("file", workspacePath(d.location().file()));
      props.put("line", Integer.toString(d.location().line()));
      props.put("col", Integer.toString(d.location().column()));
      props.put("title", d.code());
      String message = d.hintText().map(h -> d.message() + " (" + h + ")").orElse(d.message());
      out.add(WorkflowCommands.command(d.isError() ? "error" : "warning", props, message));
    }
    return out;
  }

  /**
   * The annotation commands for a run: one {@code ::error} per failed step (titled with the step
   * id, placed on the pipeline file) and one for a run that failed as a whole.
   */
  public List<String> annotations(RunReport run) {
    return annotations(run, Map.of());
  }

  /**
   * As {@link #annotations(RunReport)}, with each failed step's annotation placed on the line where
   * the step is declared ({@code stepLocations}: step instance id → location; steps without one
   * point at the pipeline file).
   */
  public List<String> annotations(RunReport run, Map<String, SourceLocation> stepLocations) {
    List<String> out = new ArrayList<>();
    String file = workspacePath(run.pipelineFile());
    for (StepRun s : run.steps()) {
      if (s.state() == StepRun.State.FAILED) {
        Map<String, String> props = new LinkedHashMap<>();
        SourceLocation at = stepLocations.get(s.id());
        props.put("file", at == null ? file : workspacePath(at.file()));
        if (at != null) {
          props.put("line", Integer.toString(at.line()));
          props.put("col", Integer.toString(at.column()));
        }
        props.put("title", "step " + s.id() + " failed");
        String cause = Secrets.redactText(s.cause());
        out.add(
            WorkflowCommands.command(
                "error", props, cause.isEmpty() ? s.kind() + " step failed" : cause));
      }
    }
    if (!run.succeeded() && (!run.error().isEmpty() || run.count(StepRun.State.FAILED) == 0)) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("file", file);
      props.put("title", "run " + run.runId() + " failed");
      String why =
          run.error().isEmpty() ? "run failed with exit code " + run.exitCode() : run.error();
      out.add(WorkflowCommands.command("error", props, Secrets.redactText(why)));
    }
    return out;
  }

  /**
   * Prints {@code commands} to {@code out}, one per line, when Actions is active; otherwise prints
   * nothing.
   */
  public void emit(PrintWriter out, List<String> commands) {
    if (!active()) {
      return;
    }
    commands.forEach(out::println);
    out.flush();
  }

  /**
   * Everything a run shows on GitHub in one call: prints the run's annotations to {@code out} and
   * appends its summary (linking {@code reportPath}, or none when {@code ""}). Does nothing outside
   * Actions.
   */
  public void publishRun(PrintWriter out, RunReport run, String reportPath) throws IOException {
    publishRun(out, run, reportPath, Map.of());
  }

  /**
   * As {@link #publishRun(PrintWriter, RunReport, String)}, with step failures annotated on the
   * step's line.
   */
  public void publishRun(
      PrintWriter out, RunReport run, String reportPath, Map<String, SourceLocation> stepLocations)
      throws IOException {
    if (!active()) {
      return;
    }
    emit(out, annotations(run, stepLocations));
    appendSummary(StepSummary.forRun(run, reportPath, runUrl(), workspacePath(run.pipelineFile())));
  }

  /**
   * As {@link #publishRun} for {@code engine validate}: every file's diagnostics as annotations,
   * and a summary.
   */
  public void publishValidation(PrintWriter out, List<dev.acepipe.report.junit.ValidatedFile> files)
      throws IOException {
    if (!active()) {
      return;
    }
    emit(out, annotations(files.stream().flatMap(f -> f.diagnostics().stream()).toList()));
    appendSummary(
        StepSummary.forValidation(
            files.stream()
                .map(
                    f ->
                        new dev.acepipe.report.junit.ValidatedFile(
                            workspacePath(f.file()), f.diagnostics(), f.time()))
                .toList()));
  }

  /** The job summary file, when Actions is active and names one. */
  public Optional<Path> summaryFile() {
    String f = env.get("GITHUB_STEP_SUMMARY");
    if (!active() || f == null || f.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(f));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Appends {@code markdown} (plus a blank line, so several summaries stay separate) to the job
   * summary. Appending is the contract of {@code $GITHUB_STEP_SUMMARY}: other steps and tools write
   * to the same file.
   *
   * @return whether anything was written (false outside Actions or without a summary file)
   */
  public boolean appendSummary(String markdown) throws IOException {
    Optional<Path> file = summaryFile();
    if (file.isEmpty()) {
      return false;
    }
    String text = markdown.endsWith("\n") ? markdown + "\n" : markdown + "\n\n";
    Files.writeString(
        file.get(),
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return true;
  }

  /**
   * The web page of this workflow run (where uploaded artifacts are listed), when the runner says.
   */
  public Optional<String> runUrl() {
    String server = env.get("GITHUB_SERVER_URL");
    String repo = env.get("GITHUB_REPOSITORY");
    String id = env.get("GITHUB_RUN_ID");
    if (server == null
        || repo == null
        || id == null
        || server.isBlank()
        || repo.isBlank()
        || id.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(server.replaceAll("/+$", "") + "/" + repo + "/actions/runs/" + id);
  }

  /**
   * {@code file} as GitHub wants it in annotations: relative to the checkout, with {@code /}. Paths
   * outside the workspace (or without one) are left as they are.
   */
  public String workspacePath(String file) {
    String ws = env.get("GITHUB_WORKSPACE");
    String unix = file.replace('\\', '/');
    if (ws == null || ws.isBlank()) {
      return unix;
    }
    try {
      Path p = Path.of(file);
      Path root = Path.of(ws).toAbsolutePath().normalize();
      if (p.isAbsolute() && p.normalize().startsWith(root)) {
        return root.relativize(p.normalize()).toString().replace('\\', '/');
      }
    } catch (InvalidPathException e) {
      // Not a path on this system: annotate with the name as written.
    }
    return unix;
  }
}
