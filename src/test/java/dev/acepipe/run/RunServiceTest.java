package dev.acepipe.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StepState;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.Planner;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.remote.RemoteTier;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RunServiceTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String YAML =
      "version: 1\nname: svc\nseed: 7\nsteps:\n  draft:\n    type: generate\n    prompt: x\n"
          + "    lyrics: \"[inst]\"\n    duration: 10\n";

  @TempDir Path project;
  private final Clock frozen = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<Duration> waits = new ArrayList<>();
  // Records the wait and returns at once: the run never sleeps for real.
  private final Sleeper recording =
      d -> {
        synchronized (waits) {
          waits.add(d);
        }
        Thread.onSpinWait();
      };
  private final StringWriter err = new StringWriter();
  private final List<String> embeddedStarts = new ArrayList<>();

  private Path pipeline() throws Exception {
    Path file = project.resolve("p.yaml");
    Files.writeString(file, YAML);
    return file;
  }

  private static Plan plan(Path file) {
    CheckResult checked = new PipelineChecker().check(file, file.toString());
    return new Planner().plan(checked.pipeline(), PlanInputs.empty()).plan();
  }

  private RunService service(Map<String, String> env) {
    return new RunService(frozen, recording, env, this::embedded);
  }

  /** An embedded server the service may start; tests that name a server never start it. */
  private RunService.Embedded embedded() {
    return new RunService.Embedded() {
      private EmbeddedServer server;

      @Override
      public AceStepClient start() {
        embeddedStarts.add("started");
        try {
          server = EmbeddedServer.start(EmbeddedServerConfig.defaults(project.resolve("embedded")));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return new OkHttpAceStepClient(ClientConfig.custom(server.baseUrl()).build());
      }

      @Override
      public void close() {
        if (server != null) {
          server.close();
        }
      }
    };
  }

  private RunService.Io io() {
    PrintWriter w = new PrintWriter(err, true);
    return new RunService.Io(w, w, RunListener.NONE, RunService.Guard.DIRECT);
  }

  @Test
  void rendersOnTheServerTheInjectedEnvironmentNamesWithTheInjectedClock() throws Exception {
    Path file = pipeline();
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(project.resolve("server")))) {
      RunService service = service(Map.of(RunTarget.URL_ENV, server.baseUrl()));

      RunService.Finished run =
          service.run(file, plan(file), RunSettings.defaults(), RemoteTier.NONE, io());

      assertThat(run.refusal()).isNull();
      assertThat(run.result().outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
      assertThat(run.result().step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
      assertThat(run.renderer()).startsWith(server.baseUrl());
      assertThat(err.toString()).contains("rendering on " + server.baseUrl());
      assertThat(embeddedStarts).isEmpty();
      // Every instant of the run comes from the injected clock.
      assertThat(run.result().startedAt()).isEqualTo(NOW);
      assertThat(run.result().finishedAt()).isEqualTo(NOW);
      assertThat(run.runId()).startsWith("20261125-120000-");
      assertThat(run.runDir())
          .isEqualTo(project.toRealPath().resolve(".acepipe/runs/" + run.runId()))
          .isDirectory();
      assertThat(Lockfile.read(Lockfile.pathFor(file.toAbsolutePath())).orElseThrow().steps())
          .containsKey("draft");
    }
  }

  @Test
  void aServerTheEnvironmentNamesThatIsNotThereRefusesTheRunWithADocumentedResult()
      throws Exception {
    Path file = pipeline();
    RunService service = service(Map.of(RunTarget.URL_ENV, "http://127.0.0.1:1"));

    RunService.Finished run =
        service.run(file, plan(file), RunSettings.defaults(), RemoteTier.NONE, io());

    assertThat(run.refusal().reason()).isEqualTo(RunException.Reason.SERVER);
    assertThat(run.refusal().server()).isEqualTo("http://127.0.0.1:1");
    assertThat(run.refusal().getMessage()).contains("cannot reach the ACE-Step server");
    assertThat(run.result().outcome()).isEqualTo(RunResult.Outcome.SERVER_UNAVAILABLE);
    assertThat(run.result().startedAt()).isEqualTo(NOW);
    assertThat(run.result().step("draft").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
    assertThat(waits).isEmpty();
  }

  @Test
  void lockedWithoutALockfileIsRefusedBeforeAnyServerStarts() throws Exception {
    Path file = pipeline();

    RunService.Finished run =
        service(Map.of())
            .run(file, plan(file), RunSettings.defaults().withLocked(true), RemoteTier.NONE, io());

    assertThat(run.refusal().reason()).isEqualTo(RunException.Reason.NOT_LOCKED);
    assertThat(run.refusal().getMessage()).contains("1 step(s) not locked: draft");
    assertThat(run.result().outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(err.toString()).contains("does not pin this pipeline").contains("  draft: ");
    assertThat(embeddedStarts).isEmpty();
  }

  @Test
  void aKeyFromTheCommandLineWinsOverTheEnvironmentsKey() throws Exception {
    Path file = pipeline();
    RunService service =
        service(Map.of(RunTarget.URL_ENV, "http://gpu:8001", RunTarget.KEY_ENV, "from-env"));

    RunTarget given =
        service.target(plan(file), RunSettings.defaults().withServer(null, "from-flag"));
    RunTarget fromEnv = service.target(plan(file), RunSettings.defaults());

    assertThat(given).isEqualTo(new RunTarget("http://gpu:8001", "from-flag"));
    assertThat(fromEnv).isEqualTo(new RunTarget("http://gpu:8001", "from-env"));
  }

  @Test
  void anUnknownOnlyStepIsAUsageErrorWithTheClosestName() throws Exception {
    Path file = pipeline();

    assertThatThrownBy(
            () ->
                service(Map.of())
                    .run(
                        file,
                        plan(file),
                        RunSettings.defaults().withOnly(List.of("draf")),
                        RemoteTier.NONE,
                        io()))
        .isInstanceOfSatisfying(
            RunException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RunException.Reason.USAGE);
              assertThat(e.getMessage())
                  .isEqualTo("--only names no step: draf (did you mean 'draft'?)");
            });
    assertThat(project.resolve(".acepipe/runs")).doesNotExist();
  }
}
