package dev.acepipe.report.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.diagnostic.Severity;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.SampleRuns;
import dev.acepipe.report.html.StepRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubActionsTest {
  @TempDir Path dir;

  private static final List<Diagnostic> DIAGNOSTICS =
      List.of(
          Diagnostic.error(
              "unknown-step",
              new SourceLocation("pipelines/night, drive.yaml", 14, 11),
              "'from: draf' names no step",
              "did you mean 'draft'?"),
          new Diagnostic(
              Severity.WARNING,
              "unused-var",
              new SourceLocation("a.yaml", 3, 1),
              "100% unused\nreally",
              ""));

  private GitHubActions actions(Path summary) {
    return GitHubActions.of(
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_STEP_SUMMARY",
            summary.toString(),
            "GITHUB_SERVER_URL",
            "https://github.com",
            "GITHUB_REPOSITORY",
            "acme/songs",
            "GITHUB_RUN_ID",
            "77",
            "ACESTEP_API_KEY",
            "sk-should-not-be-kept"));
  }

  @Test
  void printsDiagnosticsAsErrorAndWarningAnnotations() {
    StringWriter out = new StringWriter();
    GitHubActions gh = actions(dir.resolve("summary.md"));

    gh.emit(new PrintWriter(out), gh.annotations(DIAGNOSTICS));

    assertThat(out.toString().lines())
        .containsExactly(
            "::error file=pipelines/night%2C drive.yaml,line=14,col=11,title=unknown-step::'from: draf' names no step"
                + " (did you mean 'draft'?)",
            "::warning file=a.yaml,line=3,col=1,title=unused-var::100%25 unused%0Areally");
  }

  @Test
  void printsNothingOutsideGitHubActions() {
    StringWriter out = new StringWriter();
    GitHubActions gh =
        GitHubActions.of(Map.of("GITHUB_ACTIONS", "false", "GITHUB_STEP_SUMMARY", "x.md"));

    gh.emit(new PrintWriter(out), gh.annotations(DIAGNOSTICS));

    assertThat(out.toString()).isEmpty();
    assertThat(gh.active()).isFalse();
    assertThat(gh.summaryFile()).isEmpty();
    assertThat(GitHubActions.of(Map.of()).active()).isFalse();
  }

  @Test
  void annotatesFailedStepsAndRedactsTheirCauses() {
    RunReport run =
        new RunReport(
            "p",
            "p.yaml",
            "r1",
            SampleRuns.T0,
            SampleRuns.T0.plusSeconds(1),
            1,
            "",
            List.of(
                SampleRuns.step(
                    "mix",
                    "cover",
                    StepRun.State.FAILED,
                    "401: Bearer sk-abcdef rejected",
                    1,
                    0,
                    1,
                    null,
                    List.of(),
                    List.of())),
            "",
            List.of(),
            null);

    List<String> lines = actions(dir.resolve("s.md")).annotations(run);

    assertThat(lines)
        .containsExactly("::error file=p.yaml,title=step mix failed::401: Bearer *** rejected");
  }

  @Test
  void placesAFailedStepsAnnotationOnTheLineWhereTheStepIsDeclared() {
    RunReport run =
        new RunReport(
            "p",
            "p.yaml",
            "r1",
            SampleRuns.T0,
            SampleRuns.T0.plusSeconds(1),
            1,
            "",
            List.of(
                SampleRuns.step(
                    "mix",
                    "cover",
                    StepRun.State.FAILED,
                    "job failed",
                    1,
                    0,
                    1,
                    null,
                    List.of(),
                    List.of())),
            "",
            List.of(),
            null);

    List<String> lines =
        actions(dir.resolve("s.md"))
            .annotations(run, Map.of("mix", new SourceLocation("pipelines/p.yaml", 12, 3)));

    assertThat(lines)
        .containsExactly(
            "::error file=pipelines/p.yaml,line=12,col=3,title=step mix failed::job failed");
  }

  @Test
  void annotatesARunThatFailedAsAWhole() {
    RunReport run =
        new RunReport(
            "p",
            "p.yaml",
            "r1",
            SampleRuns.T0,
            SampleRuns.T0.plusSeconds(1),
            4,
            "server unreachable",
            List.of(),
            "",
            List.of(),
            null);

    assertThat(actions(dir.resolve("s.md")).annotations(run))
        .containsExactly("::error file=p.yaml,title=run r1 failed::server unreachable");
  }

  @Test
  void makesAnnotationPathsRelativeToTheWorkspace() {
    GitHubActions gh =
        GitHubActions.of(
            Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", "/home/runner/work/s"));

    assertThat(gh.workspacePath("/home/runner/work/s/pipes/a.yaml")).isEqualTo("pipes/a.yaml");
    assertThat(gh.workspacePath("/elsewhere/a.yaml")).isEqualTo("/elsewhere/a.yaml");
    assertThat(gh.workspacePath("pipes/a.yaml")).isEqualTo("pipes/a.yaml");
  }

  @Test
  void appendsTheRunSummaryToTheStepSummaryFile() throws Exception {
    Path summary = dir.resolve("step_summary.md");
    Files.writeString(summary, "earlier step wrote this\n");
    GitHubActions gh = actions(summary);
    RunReport run = SampleRuns.nightDrive();

    boolean written =
        gh.appendSummary(StepSummary.forRun(run, ".acepipe/runs/r1/report.html", gh.runUrl()));
    gh.appendSummary("second");

    assertThat(written).isTrue();
    String text = Files.readString(summary);
    assertThat(text)
        .startsWith("earlier step wrote this\n### \u274c acepipe run night-drive failed");
    assertThat(text).contains("| fixed | repaint | \u274c failed | 20.000 s | 3 | 0 |");
    assertThat(text)
        .contains(
            "HTML report: .acepipe/runs/r1/report.html (in the artifacts of "
                + "[this workflow run](https://github.com/acme/songs/actions/runs/77))");
    assertThat(text).endsWith("\n\nsecond\n\n");
  }

  @Test
  void publishesValidationAsAnnotationsAndSummary() throws Exception {
    Path summary = dir.resolve("summary.md");
    StringWriter out = new StringWriter();
    var files =
        List.of(
            new dev.acepipe.report.junit.ValidatedFile(
                "a.yaml", DIAGNOSTICS, java.time.Duration.ZERO));

    actions(summary).publishValidation(new PrintWriter(out), files);

    assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("::"));
    assertThat(Files.readString(summary))
        .startsWith("### \u274c acepipe validate: 0 of 1 pipeline files valid");
  }

  @Test
  void publishesNothingOutsideActions() throws Exception {
    Path summary = dir.resolve("summary.md");
    StringWriter out = new StringWriter();
    GitHubActions gh = GitHubActions.of(Map.of("GITHUB_STEP_SUMMARY", summary.toString()));

    gh.publishRun(new PrintWriter(out), SampleRuns.nightDrive(), "report.html");

    assertThat(out.toString()).isEmpty();
    assertThat(summary).doesNotExist();
  }

  @Test
  void publishesARunAsAnnotationsAndSummary() throws Exception {
    Path summary = dir.resolve("summary.md");
    StringWriter out = new StringWriter();

    actions(summary)
        .publishRun(new PrintWriter(out), SampleRuns.nightDrive(), "runs/r/report.html");

    assertThat(out.toString().lines())
        .containsExactly(
            "::error file=pipelines/night-drive.yaml,title=step fixed "
                + "failed::job failed after 3 attempts: server said <CUDA out of memory> & gave up");
    assertThat(Files.readString(summary))
        .contains("| unplugged | cover |")
        .contains("runs/r/report.html");
  }

  @Test
  void writesNoSummaryWithoutASummaryFile() throws Exception {
    GitHubActions gh = GitHubActions.of(Map.of("GITHUB_ACTIONS", "true"));

    assertThat(gh.appendSummary("x")).isFalse();
    assertThat(gh.runUrl()).isEqualTo(Optional.empty());
  }
}
