package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.ServerCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline that opts in ({@code models: {switch: true}}) has a step's model loaded with {@code
 * /v1/init} between jobs: jobs of the loaded model first, one switch, no job on the server while it
 * happens, and the outputs' lineage names the model and adapters that rendered them. Without the
 * opt-in the step fails before submitting, saying how to opt in.
 */
@Timeout(180)
class LoraModelSwitchRunTest {
  @TempDir Path dir;

  private Path pipeline(boolean optIn, Path lora) throws Exception {
    return Files.writeString(
        dir.resolve("p.yaml"),
        "version: 1\n"
            + (optIn ? "models: {switch: true}\n" : "")
            + "steps:\n"
            + "  turbo1: {type: generate, duration: 10, seed: 1, model: acestep-v15-turbo}\n"
            + "  base1: {type: generate, duration: 10, seed: 2, takes: 2, model: acestep-v15-base,"
            + " lora: [{path: '"
            + lora
            + "', scale: 0.6, name: keys}]}\n"
            + "  turbo2: {type: generate, duration: 10, seed: 3, model: acestep-v15-turbo}\n"
            + "  base2: {type: generate, duration: 10, seed: 4, model: acestep-v15-base}\n"
            + "outputs:\n"
            + "  base1: out/base1.flac\n"
            + "  turbo2: out/turbo2.flac\n");
  }

  private Path peft(String name) throws Exception {
    return PeftDirs.peft(dir, name);
  }

  private EmbeddedServer newerServer() throws Exception {
    return EmbeddedServer.start(
        EmbeddedServerConfig.defaults(dir.resolve("srv"))
            .withProfile(EmbeddedProfile.NEWER)
            .withWorkers(2));
  }

  @Test
  void anOptedInPipelineSwitchesTheModelOnceBetweenJobsAndTagsWhatRenderedEachOutput()
      throws Exception {
    Path keys = peft("keys");
    try (EmbeddedServer server = newerServer()) {
      assertThat(server.loadedModel()).isEqualTo("acestep-v15-turbo");

      EngineRun run =
          EngineRun.of(
              "run",
              pipeline(true, keys).toString(),
              "--server",
              server.baseUrl(),
              "--max-parallel",
              "2");

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(server.loadedModel()).isEqualTo("acestep-v15-base");
      assertThat(server.counters().modelSwitches()).isEqualTo(1);
      assertThat(server.counters().modelSwitchesWhileRunning()).isZero();
      assertThat(server.counters().requests("/v1/init")).isEqualTo(1);
      assertThat((run.out() + run.err()).lines().filter(l -> l.contains("model: switched")))
          .singleElement()
          .asString()
          .contains("to acestep-v15-base from acestep-v15-turbo after 2 job(s) drained");
      List<ServerCounters.Event> log = server.counters().events();
      assertNoJobSpans(log, ServerCounters.Event.Kind.MODEL_SWITCHED);
      assertNoJobSpans(log, ServerCounters.Event.Kind.ADAPTERS_CHANGED);

      Lineage base1 = LineageTags.read(dir.resolve("out/base1.flac")).orElseThrow();
      assertThat(base1.model()).isEqualTo("acestep-v15-base");
      assertThat(base1.lora()).isEqualTo("keys@0.6 (" + keys + ")");
      Lineage turbo2 = LineageTags.read(dir.resolve("out/turbo2.flac")).orElseThrow();
      assertThat(turbo2.model()).isEqualTo("acestep-v15-turbo");
      assertThat(turbo2.lora()).isNull();
    }
  }

  @Test
  void withoutTheOptInAModelTheServerDoesNotRunFailsBeforeSubmittingAndSaysHowToOptIn()
      throws Exception {
    Path keys = peft("keys");
    try (EmbeddedServer server = newerServer()) {

      EngineRun run =
          EngineRun.of("run", pipeline(false, keys).toString(), "--server", server.baseUrl());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(run.out() + run.err())
          .contains("the server has model 'acestep-v15-base' but does not run it")
          .contains("it runs acestep-v15-turbo")
          .contains("models: {switch: true}");
      assertThat(server.counters().requests("/v1/init")).isZero();
      assertThat(server.loadedModel()).isEqualTo("acestep-v15-turbo");
      assertThat(server.counters().acceptedTasks()).as("only the turbo steps").isEqualTo(2);
    }
  }

  /** No job was queued or rendering on the server when an event of {@code kind} happened. */
  private static void assertNoJobSpans(
      List<ServerCounters.Event> log, ServerCounters.Event.Kind kind) {
    Map<String, Long> queued = new HashMap<>();
    Map<String, Long> ended = new HashMap<>();
    log.forEach(
        e -> {
          if (e.kind() == ServerCounters.Event.Kind.JOB_QUEUED
              || e.kind() == ServerCounters.Event.Kind.JOB_STARTED) {
            queued.putIfAbsent(e.detail(), e.seq());
          } else if (e.kind() == ServerCounters.Event.Kind.JOB_ENDED) {
            ended.put(e.detail(), e.seq());
          }
        });
    List<ServerCounters.Event> changes = log.stream().filter(e -> e.kind() == kind).toList();
    assertThat(changes).isNotEmpty();
    for (ServerCounters.Event change : changes) {
      queued.forEach(
          (job, from) ->
              assertThat(change.seq() > from && change.seq() < ended.getOrDefault(job, from))
                  .as("%s while job %s was on the server", change, job)
                  .isFalse());
    }
  }
}
