package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task journal of a run on a pool: every task is journaled under the server it was submitted
 * to, and a killed run's task routes its step to that server, where it is re-attached, not
 * submitted again.
 */
@Timeout(60)
class PoolJournalTest {
  @TempDir Path dir;
  private EmbeddedPool servers;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void start() {
    servers = new EmbeddedPool(dir, 0.2);
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void everyTaskIsJournaledUnderTheServerThatAcceptedIt() throws Exception {
    AceStepClient one = servers.client("gpu-1");
    AceStepClient two = servers.client("gpu-2");
    List<PoolMember> members = servers.members();
    List<ExecStep> steps = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      steps.add(EmbeddedPool.generate("s" + i));
    }
    Path journalFile = dir.resolve("journal.jsonl");

    RunResult result;
    try (Journal journal = Journal.open(journalFile, clock, "r1")) {
      result = run(members, journal, steps);
    }

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    Map<String, String> journaled = submittedServers(journalFile);
    Map<String, String> renderedOn = new HashMap<>();
    for (StepReport s : result.steps()) {
      renderedOn.put(s.taskIds().get(s.taskIds().size() - 1), s.takes().get(0).server());
    }
    assertThat(renderedOn.values())
        .as("both servers rendered")
        .contains(one.baseUrl(), two.baseUrl());
    assertThat(journaled).isEqualTo(renderedOn);
  }

  @Test
  void aKilledRunsTaskOnTheSecondServerRoutesTheStepThereAndIsReattached() throws Exception {
    AceStepClient one = servers.client("gpu-1");
    AceStepClient two = servers.client("gpu-2");
    // Both servers can run it and the first wins a tie: the task left on the second decides.
    List<PoolMember> members = servers.members();
    ExecStep step = EmbeddedPool.generate("draft");
    StepAction.Job job = (StepAction.Job) step.resolver().resolve(id -> null);
    Path journalFile = dir.resolve("journal.jsonl");
    try (Journal killed = Journal.open(journalFile, clock, "r-killed")) {
      String taskId = two.submit(JobRequests.prepare(job, 0).request()).taskId();
      killed.submitted("draft", Recipes.fingerprint(job, id -> null), taskId, two.baseUrl(), 1);
    }
    long acceptedBefore = servers.server(1).counters().acceptedTasks();

    RunResult result;
    try (Journal journal = Journal.open(journalFile, clock, "r-resumed")) {
      result = run(members, journal, List.of(step));
    }

    StepReport draft = result.step("draft").orElseThrow();
    assertThat(draft.state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(draft.events()).anyMatch(e -> e.startsWith("re-attached to task"));
    assertThat(servers.server(1).counters().acceptedTasks())
        .as("nothing submitted again")
        .isEqualTo(acceptedBefore);
    assertThat(servers.server(0).counters().acceptedTasks()).isZero();
  }

  private RunResult run(List<PoolMember> members, Journal journal, List<ExecStep> steps) {
    Path takes = dir.resolve("takes");
    StoreJournal cache =
        new StoreJournal(
            new ArtifactStore(dir.resolve("store"), clock),
            journal,
            new StoreJournal.Settings(
                members.get(0).server().url(), takes, Set.of(), Map.of(), "1.0", null),
            clock,
            line -> {});
    return new Executor(
            new RunServers(members, FailoverConfig.DEFAULTS),
            new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
            new AudioFilesProbe(),
            cache,
            RunListener.NONE,
            clock,
            Sleeper.SYSTEM,
            ExecutorOptions.in(takes))
        .run(steps);
  }

  /** Task id → the server its {@code submitted} line names. */
  private static Map<String, String> submittedServers(Path journalFile) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(journalFile)) {
      JsonNode event = json.readTree(line);
      if (event.path("event").asText().equals("submitted")) {
        out.put(event.path("task_id").asText(), event.path("server").asText());
      }
    }
    return out;
  }
}
