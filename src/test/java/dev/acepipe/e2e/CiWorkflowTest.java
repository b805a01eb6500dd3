package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request job of {@code docs/ci.md}, command by command, on a fresh copy of what a project
 * commits (pipelines and lockfiles, no {@code .acepipe/}), in GitHub mode: first without the CI
 * cache, then with the store the cache would restore.
 */
@Timeout(300)
class CiWorkflowTest {
  private static final List<String> PIPELINES =
      List.of("ci-smoke.yaml", "format-then-generate.yaml");

  @TempDir Path developer;
  @TempDir Path runner;
  @TempDir Path cachedRunner;

  @Test
  void theDocumentedPullRequestJobPassesOnAFreshCheckoutAndWithTheRestoredStore()
      throws IOException {
    String docs = Files.readString(Path.of("docs/ci.md"));
    assertThat(docs)
        .contains("./engine validate --junit target/acepipe/validate.xml pipelines/*.yaml")
        .contains("for p in pipelines/*.yaml; do ./engine plan \"$p\"; done")
        .contains(
            "./engine run --locked --report --junit \"target/acepipe/run-$(basename \"$p\" .yaml).xml\" \"$p\"")
        .contains(
            "path: pipelines/.acepipe/store",
            "key: acepipe-store-${{ hashFiles('pipelines/*.lock.json') }}");
    commitLockfilesAsADeveloperWould();
    checkout(runner);

    pullRequestJob(runner);

    // The CI cache restores the store the first job left; the second job takes every job step from
    // it.
    copyTree(
        runner.resolve("pipelines/.acepipe/store"),
        cachedRunner.resolve("pipelines/.acepipe/store"));
    checkout(cachedRunner);
    List<EngineRun> cachedRuns = pullRequestJob(cachedRunner);
    assertThat(cachedRuns).allSatisfy(r -> assertThat(r.out()).doesNotContain("✓ "));
  }

  /**
   * Renders every pipeline once with the embedded server, as {@code ./engine run pipelines/x.yaml}
   * locally.
   */
  private void commitLockfilesAsADeveloperWould() throws IOException {
    for (String p : PIPELINES) {
      Path file = developer.resolve("pipelines").resolve(p);
      Files.createDirectories(file.getParent());
      Files.copy(Path.of("dsl-examples").resolve(p), file);
      EngineRun run = EngineRun.of("run", file.toString());
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    }
  }

  /** What {@code actions/checkout} gives the job: the committed pipelines and lockfiles only. */
  private void checkout(Path workspace) throws IOException {
    for (String p : PIPELINES) {
      String lock = p.replace(".yaml", ".lock.json");
      Files.createDirectories(workspace.resolve("pipelines"));
      Files.copy(
          developer.resolve("pipelines").resolve(p), workspace.resolve("pipelines").resolve(p));
      Files.copy(
          developer.resolve("pipelines").resolve(lock),
          workspace.resolve("pipelines").resolve(lock));
    }
  }

  private List<EngineRun> pullRequestJob(Path workspace) throws IOException {
    Path summary = workspace.resolve("step-summary.md");
    Map<String, String> env =
        Map.of(
            "GITHUB_ACTIONS",
            "true",
            "GITHUB_STEP_SUMMARY",
            summary.toString(),
            "GITHUB_WORKSPACE",
            workspace.toString());
    List<String> files =
        PIPELINES.stream().map(p -> workspace.resolve("pipelines").resolve(p).toString()).toList();
    Path target = workspace.resolve("target/acepipe");

    List<String> validate =
        new ArrayList<>(List.of("validate", "--junit", target.resolve("validate.xml").toString()));
    validate.addAll(files);
    EngineRun validated = EngineRun.withEnv(env, validate.toArray(String[]::new));
    assertThat(validated.exitCode()).as(validated.err()).isEqualTo(ExitCodes.OK);
    List<EngineRun> runs = new ArrayList<>();
    for (String file : files) {
      EngineRun plan = EngineRun.withEnv(env, "plan", file);
      assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
      String base = Path.of(file).getFileName().toString().replace(".yaml", "");
      EngineRun run =
          EngineRun.withEnv(
              env,
              "run",
              "--locked",
              "--report",
              "--junit",
              target.resolve("run-" + base + ".xml").toString(),
              file);
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(Files.readString(target.resolve("run-" + base + ".xml")))
          .contains("failures=\"0\"", "errors=\"0\"");
      runs.add(run);
    }
    assertThat(Files.readString(target.resolve("validate.xml"))).contains("failures=\"0\"");
    String markdown = Files.readString(summary);
    assertThat(markdown)
        .contains(
            "acepipe validate: 2 of 2 pipeline files valid",
            "acepipe run ci-smoke passed",
            "acepipe run format-then-generate passed",
            "HTML report: pipelines/.acepipe/runs/")
        .doesNotContain(workspace.toString());
    try (Stream<Path> reports = Files.walk(workspace.resolve("pipelines/.acepipe/runs"))) {
      assertThat(reports.filter(p -> p.getFileName().toString().equals("report.html")).count())
          .isEqualTo(2);
    }
    return runs;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }
}
