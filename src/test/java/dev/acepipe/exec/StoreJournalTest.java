package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Journal;
import dev.acepipe.store.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor driven through {@link StoreJournal}: a real artifact store and journal, a fake
 * server.
 */
@Timeout(20)
class StoreJournalTest {
  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final FakeSleeper sleeper = new FakeSleeper(clock);
  private final List<String> warnings = new ArrayList<>();

  private ArtifactStore store() {
    return new ArtifactStore(dir.resolve("store"), clock);
  }

  private StoreJournal cache(
      FakeAceStepClient server, Journal journal, Set<String> forced, String run) {
    return new StoreJournal(
        store(),
        journal,
        new StoreJournal.Settings(
            server.baseUrl(), dir.resolve(run).resolve("takes"), forced, Map.of(), "1.0", null),
        clock,
        warnings::add);
  }

  private RunResult run(
      FakeAceStepClient server, StoreJournal cache, String run, ExecStep... steps) {
    return new Executor(
            RunServers.one(server),
            new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
            new FakeAudioProbe(),
            cache,
            new RunListener() {},
            clock,
            sleeper,
            new ExecutorOptions(dir.resolve(run).resolve("takes"), false, 10))
        .run(List.of(steps));
  }

  private static ExecStep draft() {
    TaskRequest r =
        TaskRequest.builder().prompt("synthwave").seed(7).batchSize(2).audioDuration(30.0).build();
    return new ExecStep(
        "draft", List.of(), 0, Duration.ofMinutes(5), up -> StepAction.Job.generate(r));
  }

  private static ExecStep cover() {
    TaskRequest r = TaskRequest.builder().prompt("acoustic").seed(8).batchSize(1).build();
    return new ExecStep(
        "cover",
        List.of("draft"),
        0,
        Duration.ofMinutes(5),
        up -> StepAction.Job.cover(new AudioRef("draft", 1), 0.5, r));
  }

  @Test
  void aSecondRunTakesEveryStepFromTheStoreAndSubmitsNothing() {
    FakeAceStepClient first = new FakeAceStepClient();
    run(first, cache(first, null, Set.of(), "r1"), "r1", draft(), cover());
    FakeAceStepClient second = new FakeAceStepClient();
    StoreJournal cache = cache(second, null, Set.of(), "r2");

    RunResult result = run(second, cache, "r2", draft(), cover());

    assertThat(result.steps()).extracting(StepReport::state).containsOnly(StepState.CACHED);
    assertThat(second.submitted).isEmpty();
    assertThat(cache.cachedSteps()).containsExactly("draft", "cover");
    TakeResult take = result.step("draft").orElseThrow().takes().get(1);
    assertThat(take.localPath()).startsWith(dir.resolve("r2")).exists();
    assertThat(take.serverPath())
        .as("a cached take keeps its server path")
        .isEqualTo("/srv/out/t1-1.flac");
    assertThat(take.server()).as("and the server it is on").isEqualTo(first.baseUrl());
    assertThat(result.step("cover").orElseThrow().fields()).containsEntry("caption", "acoustic");
  }

  @Test
  void rendersOfTheEmbeddedSynthesizerNeverSatisfyARunAgainstAnAceStepServer() throws Exception {
    FakeAceStepClient embedded = new FakeAceStepClient();
    run(embedded, cache(embedded, "embedded", "r1"), "r1", draft());
    FakeAceStepClient external = new FakeAceStepClient();
    StoreJournal cache = cache(external, "external", "r2");

    RunResult result = run(external, cache, "r2", draft());

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(external.submitted).hasSize(1);
    Lockfile lock = cache.lockfile(Lockfile.empty("p"), Set.of("draft"));
    assertThat(lock.step("draft").orElseThrow().backend()).isEqualTo("external");
    assertThat(lock.step("draft").orElseThrow().server()).isEqualTo(external.baseUrl());
    StoreJournal again = cache(embedded, "embedded", "r3");
    run(new FakeAceStepClient(), again, "r3", draft());
    assertThat(again.cachedSteps()).as("each backend keeps its own entry").containsExactly("draft");
  }

  private StoreJournal cache(FakeAceStepClient server, String backend, String run) {
    return new StoreJournal(
        store(),
        null,
        new StoreJournal.Settings(
            server.baseUrl(),
            dir.resolve(run).resolve("takes"),
            Set.of(),
            Map.of(),
            "1.0",
            backend),
        clock,
        warnings::add);
  }

  @Test
  void aStepAfterACachedOneUploadsTheExportedTake() {
    FakeAceStepClient first = new FakeAceStepClient();
    run(first, cache(first, null, Set.of(), "r1"), "r1", draft());
    FakeAceStepClient fresh = new FakeAceStepClient();

    RunResult result = run(fresh, cache(fresh, null, Set.of(), "r2"), "r2", draft(), cover());

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.CACHED);
    assertThat(result.step("cover").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(fresh.uploads).containsExactly(dir.resolve("r2/takes/draft/1.flac"));
  }

  @Test
  void forcedStepsRenderAgainAndAreStoredAgain() {
    FakeAceStepClient first = new FakeAceStepClient();
    run(first, cache(first, null, Set.of(), "r1"), "r1", draft(), cover());
    FakeAceStepClient second = new FakeAceStepClient();

    RunResult result =
        run(second, cache(second, null, Set.of("cover"), "r2"), "r2", draft(), cover());

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.CACHED);
    assertThat(result.step("cover").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(second.submitted).hasSize(1);
  }

  @Test
  void aCorruptStoredTakeIsReportedAndTheStepRendersAgain() throws Exception {
    FakeAceStepClient first = new FakeAceStepClient();
    RunResult before = run(first, cache(first, null, Set.of(), "r1"), "r1", draft());
    String sha = before.step("draft").orElseThrow().takes().get(0).sha256();
    Files.writeString(store().objectPath(sha), "duration=1.0");
    FakeAceStepClient second = new FakeAceStepClient();

    RunResult result = run(second, cache(second, null, Set.of(), "r2"), "r2", draft());

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(warnings).singleElement().asString().contains("step 'draft'").contains("corrupt");
    assertThat(second.submitted).hasSize(1);
  }

  @Test
  void theLockfileGetsABlockPerRenderedOrCachedStepAndDropsRemovedSteps() throws Exception {
    FakeAceStepClient server = new FakeAceStepClient();
    StoreJournal cache = cache(server, null, Set.of(), "r1");
    run(server, cache, "r1", draft(), cover());
    Lockfile previous =
        Lockfile.parse(
            Lockfile.empty("p").toText().getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");

    Lockfile next = cache.lockfile(previous, Set.of("draft", "cover"));
    Lockfile without = next.retainSteps(Set.of("draft"));

    assertThat(next.steps()).containsOnlyKeys("draft", "cover");
    assertThat(next.step("draft").orElseThrow().seedsSent()).containsExactly(7L);
    assertThat(next.step("draft").orElseThrow().takes()).hasSize(2);
    assertThat(next.step("draft").orElseThrow().serverVersion()).isEqualTo("1.0");
    assertThat(next.step("cover").orElseThrow().inputs())
        .singleElement()
        .satisfies(in -> assertThat(in.ref()).isEqualTo("draft#1"));
    assertThat(without.steps()).containsOnlyKeys("draft");
  }

  @Test
  void aTaskLeftByAKilledRunIsPolledInsteadOfSubmitted() throws Exception {
    FakeAceStepClient server = new FakeAceStepClient();
    Path journalFile = dir.resolve("journal.jsonl");
    try (Journal killed = Journal.open(journalFile, clock, "r-killed")) {
      String taskId =
          server
              .submit(
                  TaskRequest.builder()
                      .prompt("synthwave")
                      .seed(7)
                      .batchSize(2)
                      .audioDuration(30.0)
                      .build())
              .taskId();
      killed.submitted(
          "draft",
          Recipes.fingerprint((StepAction.Job) draft().resolver().resolve(id -> null), id -> null),
          taskId,
          server.baseUrl(),
          1);
    }
    int before = server.submitted.size();

    RunResult result;
    try (Journal journal = Journal.open(journalFile, clock, "r-resumed")) {
      result = run(server, cache(server, journal, Set.of(), "r2"), "r2", draft());
    }

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(server.submitted).hasSize(before);
    assertThat(result.step("draft").orElseThrow().events())
        .anyMatch(e -> e.startsWith("re-attached to task"));
    try (Journal after = Journal.open(journalFile, clock, "r-after")) {
      assertThat(after.pending()).isEmpty();
    }
  }

  @Test
  void aReattachedTaskTheServerForgotIsSubmittedOnce() throws Exception {
    FakeAceStepClient server = new FakeAceStepClient();
    Path journalFile = dir.resolve("journal.jsonl");
    try (Journal killed = Journal.open(journalFile, clock, "r-killed")) {
      killed.submitted(
          "draft",
          Recipes.fingerprint((StepAction.Job) draft().resolver().resolve(id -> null), id -> null),
          "gone",
          server.baseUrl(),
          1);
    }

    RunResult result;
    try (Journal journal = Journal.open(journalFile, clock, "r-resumed")) {
      result = run(server, cache(server, journal, Set.of(), "r2"), "r2", draft());
    }

    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(server.submitted).hasSize(1);
  }
}
