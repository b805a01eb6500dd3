package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proof from the server's own event log that no job was queued or rendering while the LoRA adapters
 * changed, and that jobs of one adapter set are grouped so the server switches as seldom as it can:
 * once into each set, also with one slot (where the gate only hears of the job holding it).
 */
@Timeout(180)
class LoraGateLogRunTest {
  @TempDir Path dir;

  private Path peft(String name) throws Exception {
    return PeftDirs.peft(dir, name);
  }

  /** Two adapter sets, interleaved in declaration order, two takes each. */
  private Path pipeline(Path x, Path y) throws Exception {
    StringBuilder p = new StringBuilder("version: 1\nsteps:\n");
    String[] sets = {"x", "y", "x", "y", "x"};
    for (int i = 0; i < sets.length; i++) {
      Path adapter = sets[i].equals("x") ? x : y;
      p.append("  s")
          .append(i)
          .append(": {type: generate, duration: 10, takes: 2, seed: ")
          .append(i + 1)
          .append(", lora: [{path: '")
          .append(adapter)
          .append("', scale: 0.7, name: ")
          .append(sets[i])
          .append("}]}\n");
    }
    return Files.writeString(dir.resolve("p.yaml"), p.toString());
  }

  @ParameterizedTest(name = "max_parallel {0}")
  @ValueSource(ints = {1, 3})
  void noJobSpansAnAdapterChangeAndEachSetIsLoadedOnce(int maxParallel) throws Exception {
    Path x = peft("x");
    Path y = peft("y");
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("srv"))
                .withProfile(EmbeddedProfile.NEWER)
                .withWorkers(2))) {

      EngineRun run =
          EngineRun.of(
              "run",
              pipeline(x, y).toString(),
              "--server",
              server.baseUrl(),
              "--max-parallel",
              Integer.toString(maxParallel));

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      List<ServerCounters.Event> log = server.counters().events();
      assertNoJobSpansAnAdapterChange(log);
      assertThat(server.counters().adapterChangesWhileRunning()).isZero();
      assertThat(server.counters().jobsAcrossAdapterChange()).isZero();
      assertThat(server.counters().acceptedTasks()).isEqualTo(5);
      // the minimum for two sets: load x, then unload it and load y; never back to x
      assertThat(server.counters().requests("/v1/lora/load")).isEqualTo(2);
      assertThat(server.counters().requests("/v1/lora/unload")).isEqualTo(1);
      assertThat(changeBursts(log)).isEqualTo(2);
      assertThat((run.out() + run.err()).lines().filter(l -> l.contains("lora: switching")))
          .hasSize(2);
    }
  }

  @org.junit.jupiter.api.Test
  void onAPoolEachServerLoadsTheAdaptersOfItsJobsAndNoJobSpansAChange() throws Exception {
    Path x = peft("x");
    Path y = peft("y");
    try (EmbeddedServer a = newer("a");
        EmbeddedServer b = newer("b")) {

      EngineRun run =
          EngineRun.of(
              "run", pipeline(x, y).toString(), "--server", a.baseUrl(), "--server", b.baseUrl());

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      assertThat(a.counters().acceptedTasks() + b.counters().acceptedTasks()).isEqualTo(5);
      for (EmbeddedServer server : List.of(a, b)) {
        ServerCounters c = server.counters();
        if (c.acceptedTasks() > 0) {
          // every job asks for adapters: a server that rendered one had to load them first
          assertThat(c.requests("/v1/lora/load")).as(server.baseUrl()).isPositive();
          assertNoJobSpansAnAdapterChange(c.events());
        }
        assertThat(c.adapterChangesWhileRunning()).isZero();
        assertThat(c.jobsAcrossAdapterChange()).isZero();
      }
    }
  }

  private EmbeddedServer newer(String name) throws Exception {
    return EmbeddedServer.start(
        EmbeddedServerConfig.defaults(dir.resolve("srv-" + name))
            .withProfile(EmbeddedProfile.NEWER)
            .withWorkers(2));
  }

  /**
   * Every adapter change lies outside every job's interval from being queued to ending: the server
   * never held a job that could render with either set.
   */
  private static void assertNoJobSpansAnAdapterChange(List<ServerCounters.Event> log) {
    Map<String, Long> queued = new HashMap<>();
    Map<String, Long> ended = new HashMap<>();
    for (ServerCounters.Event e : log) {
      switch (e.kind()) {
        // the queue event is written after the job is queued: a worker may start it first
        case JOB_QUEUED, JOB_STARTED -> queued.putIfAbsent(e.detail(), e.seq());
        case JOB_ENDED -> ended.put(e.detail(), e.seq());
        default -> {}
      }
    }
    assertThat(ended.keySet()).isEqualTo(queued.keySet());
    List<ServerCounters.Event> changes =
        log.stream().filter(e -> e.kind() == ServerCounters.Event.Kind.ADAPTERS_CHANGED).toList();
    assertThat(changes).isNotEmpty();
    for (ServerCounters.Event change : changes) {
      queued.forEach(
          (job, from) ->
              assertThat(change.seq() > from && change.seq() < ended.get(job))
                  .as(
                      "%s while job %s was on the server (events %d..%d)",
                      change, job, from, ended.get(job))
                  .isFalse());
    }
  }

  /** How many runs of adapter changes the log has, each between two groups of jobs. */
  private static int changeBursts(List<ServerCounters.Event> log) {
    int bursts = 0;
    boolean inBurst = false;
    for (ServerCounters.Event e : log) {
      boolean change = e.kind() == ServerCounters.Event.Kind.ADAPTERS_CHANGED;
      if (change && !inBurst) {
        bursts++;
      }
      inBurst = change;
    }
    return bursts;
  }
}
