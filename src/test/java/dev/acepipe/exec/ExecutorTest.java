package dev.acepipe.exec;

import static dev.acepipe.exec.FakeAceStepClient.Answer.FAIL;
import static dev.acepipe.exec.FakeAceStepClient.Answer.PRESUMED_TIMED_OUT;
import static dev.acepipe.exec.FakeAceStepClient.Answer.RUNNING;
import static dev.acepipe.exec.FakeAceStepClient.Answer.SUCCEED;
import static dev.acepipe.exec.FakeAceStepClient.Answer.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskRequestBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ExecutorTest {
  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final FakeSleeper sleeper = new FakeSleeper(clock);
  private final FakeAceStepClient server = new FakeAceStepClient();
  private ResiliencePolicies.Settings settings = ResiliencePolicies.Settings.defaults();
  private boolean failFast;
  private final List<StepView> changes = new ArrayList<>();

  private Executor executor() {
    return executor(RunJournal.NONE);
  }

  private Executor executor(RunJournal journal) {
    RunListener listener =
        new RunListener() {
          @Override
          public void stepChanged(StepView view) {
            changes.add(view);
          }
        };
    return new Executor(
        RunServers.one(server),
        new ResiliencePolicies(settings, clock),
        new FakeAudioProbe(),
        journal,
        listener,
        clock,
        sleeper,
        new ExecutorOptions(dir.resolve("takes"), failFast, 10));
  }

  private RunResult run(ExecStep... steps) {
    return executor().run(List.of(steps));
  }

  private RunResult runWith(RunJournal journal, ExecStep... steps) {
    return executor(journal).run(List.of(steps));
  }

  private static TaskRequestBuilder request(long seed) {
    return TaskRequest.builder().prompt("synthwave").seed(seed).batchSize(1);
  }

  private static ExecStep generate(String id, double seconds, String... needs) {
    return step(id, 0, StepAction.Job.generate(request(7).audioDuration(seconds).build()), needs);
  }

  private static ExecStep step(String id, int retries, StepAction action, String... needs) {
    return new ExecStep(id, List.of(needs), retries, Duration.ofMinutes(10), up -> action);
  }

  @Test
  void handsEachTakeToTheNextStepByItsServerPathThroughAWholeChain() {
    ExecStep draft = generate("draft", 60);
    ExecStep longer =
        step(
            "longer",
            0,
            StepAction.Job.continueFrom(new AudioRef("draft", 0), 30, request(8).build()),
            "draft");
    ExecStep fixed =
        step(
            "fixed",
            0,
            StepAction.Job.repaint(new AudioRef("longer", 0), 45.0, 60.0, request(9).build()),
            "longer");
    ExecStep unplugged =
        step(
            "unplugged",
            0,
            StepAction.Job.cover(new AudioRef("fixed", 0), 0.5, request(10).build()),
            "fixed");

    RunResult result = run(draft, longer, fixed, unplugged);

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    TaskRequest cont = server.submitted.get(1);
    assertThat(cont.taskType()).isEqualTo("repaint");
    assertThat(cont.repaintingStart()).isEqualTo(60.0);
    assertThat(cont.repaintingEnd()).isEqualTo(90.0);
    assertThat(cont.srcAudioPath())
        .isEqualTo(result.step("draft").orElseThrow().takes().get(0).serverPath());
    TaskRequest cover = server.submitted.get(3);
    assertThat(cover.taskType()).isEqualTo("cover");
    assertThat(cover.audioCoverStrength()).isEqualTo(0.5);
    assertThat(result.step("unplugged").orElseThrow().takes().get(0).audio().durationSeconds())
        .isEqualTo(90.0);
    assertThat(server.uploads).isEmpty();
    assertThat(server.probes).hasSize(3);
  }

  @Test
  void asksAboutEveryInFlightTaskInOneQueryPerTick() {
    RunResult result = run(generate("a", 30), generate("b", 30), generate("c", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.queries).hasSize(2);
    assertThat(server.queries.get(0)).containsExactly("t1", "t2", "t3");
    assertThat(result.polls()).isEqualTo(2);
  }

  @Test
  void keepsNoMoreJobsInFlightThanTheBulkheadAllows() {
    settings = settings.withMaxParallel(2);

    RunResult result =
        run(
            generate("a", 30),
            generate("b", 30),
            generate("c", 30),
            generate("d", 30),
            generate("e", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.maxInFlight).isEqualTo(2);
    assertThat(server.queries).allSatisfy(q -> assertThat(q).hasSizeLessThanOrEqualTo(2));
  }

  @Test
  void resubmitsAFailedJobWithTheSameSeedUpToTheStepsRetries() {
    server.script(RUNNING, FAIL).script(RUNNING, SUCCEED);
    ExecStep a = step("a", 1, StepAction.Job.generate(request(1234).audioDuration(30.0).build()));

    RunResult result = run(a);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).extracting(TaskRequest::seed).containsExactly(1234L, 1234L);
    StepReport report = result.step("a").orElseThrow();
    assertThat(report.attempts()).isEqualTo(2);
    assertThat(report.taskIds()).containsExactly("t1", "t2");
    assertThat(report.events()).anyMatch(e -> e.contains("failed on the server"));
  }

  @Test
  void failsAJobThatKeepsFailingOnceItsRetriesAreSpent() {
    server.defaultScript = List.of(FAIL);
    ExecStep a = step("a", 1, StepAction.Job.generate(request(1).audioDuration(30.0).build()));

    RunResult result = run(a);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("a").orElseThrow().error())
        .startsWith(
            "the server reported the job failed; the server gave no reason; likely causes: ")
        .endsWith("(2 attempt(s), task t2)");
  }

  @Test
  void resubmitsOnceWhenTheServerForgetsATaskItHadAccepted() {
    server.script(RUNNING, UNKNOWN).script(RUNNING, SUCCEED);

    RunResult result = run(generate("a", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).hasSize(2);
    assertThat(result.step("a").orElseThrow().events())
        .anyMatch(e -> e.contains("server lost task t1"));
  }

  @Test
  void lostTasksAreResubmittedAsOftenAsTheStepsRetriesAllow() {
    server.script(RUNNING, UNKNOWN).script(UNKNOWN).script(UNKNOWN).script(RUNNING, SUCCEED);

    RunResult result =
        run(step("a", 3, StepAction.Job.generate(request(7).audioDuration(30.0).build())));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).hasSize(4);
    assertThat(result.step("a").orElseThrow().events())
        .anyMatch(e -> e.contains("resubmitted (3 of 3)"));
  }

  @Test
  void aLocalDiskErrorWhileDownloadingFailsThatStepWithItsMessage() {
    server.downloadFailure =
        new java.io.UncheckedIOException(
            "cannot write /p/takes/a/0.wav: No space left on device",
            new java.io.IOException("No space left on device"));

    RunResult result = run(generate("a", 30), generate("b", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("a").orElseThrow().error()).contains("No space left on device");
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void failsWhenTheServerForgetsTheSameStepTwice() {
    server.defaultScript = List.of(UNKNOWN);

    RunResult result = run(generate("a", 30));

    assertThat(result.step("a").orElseThrow().error()).contains("lost task t2 again");
    assertThat(server.submitted).hasSize(2);
  }

  @Test
  void failsAStepWhoseTakeIsNotAsLongAsItsRequestImplies() {
    server.durationOf = r -> 12.0;

    RunResult result = run(generate("a", 60));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("a").orElseThrow().error())
        .contains("server returned 12.0 s, expected 60.0 s");
  }

  @Test
  void skipsTheDescendantsOfAFailedStepAndFinishesIndependentBranches() {
    server.script(FAIL);
    ExecStep bad = generate("bad", 30);
    ExecStep child =
        step(
            "child",
            0,
            StepAction.Job.cover(new AudioRef("bad", 0), null, request(2).build()),
            "bad");
    ExecStep grandchild =
        step(
            "grandchild",
            0,
            StepAction.Job.cover(new AudioRef("child", 0), null, request(3).build()),
            "child");
    ExecStep other = generate("other", 30);

    RunResult result = run(bad, child, grandchild, other);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("other").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(result.step("child").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
    assertThat(result.step("grandchild").orElseThrow().skippedBecause()).isEqualTo("bad");
  }

  @Test
  void failFastStopsSubmittingAfterTheFirstFailure() {
    failFast = true;
    settings = settings.withMaxParallel(1);
    server.script(FAIL);

    RunResult result = run(generate("bad", 30), generate("later", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("later").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
    assertThat(server.submitted).hasSize(1);
  }

  @Test
  void retriesTransientSubmitErrorsWithExponentialBackoffOnTheFakeClock() {
    server.failNext("submit", 2, 503);

    RunResult result = run(generate("a", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).hasSize(1);
    // 0.5 s then 1 s, each randomised by half; the poll waits come after.
    assertThat(sleeper.sleeps.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(750));
    assertThat(sleeper.sleeps.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
  }

  @Test
  void backsOffLongerWhenTheQueueIsFull() {
    server.failNext("submit", 1, 429);

    RunResult result = run(generate("a", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(sleeper.sleeps.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
  }

  @Test
  void aKeyRefusedWhilePollingStopsTheRunAsTheServerFailingAndFailsTheInFlightSteps() {
    server.failNext("query", 1, 401);

    RunResult result = run(generate("a", 30), generate("b", 30, "a"));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SERVER_UNAVAILABLE);
    assertThat(result.error()).contains("refused the API key").contains("HTTP 401");
    assertThat(result.step("a").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void aKeyRefusedOnSubmitStopsTheRunInsteadOfFailingStepAfterStep() {
    server.failNext("submit", 1, 403);

    RunResult result = run(generate("a", 30), generate("b", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SERVER_UNAVAILABLE);
    assertThat(server.submitted).isEmpty();
  }

  @Test
  void anUnexpectedErrorInTheCacheLookupFailsOnlyThatStep() {
    RunJournal exploding =
        new RunJournal() {
          @Override
          public java.util.Optional<StepOutput> cached(
              String stepId, StepAction action, Upstream upstream) {
            if (stepId.equals("a")) {
              throw new IllegalStateException("store index is damaged");
            }
            return java.util.Optional.empty();
          }
        };

    RunResult result = runWith(exploding, generate("a", 30), generate("b", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("a").orElseThrow().error()).isEqualTo("store index is damaged");
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aCallThatKeepsFailingWhileHealthAnswersFailsItsStepInsteadOfRetryingForever() {
    server.failNext("submit", 100, 500);

    RunResult result = run(generate("a", 30), generate("b", 30, "a"));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("a").orElseThrow().error()).contains("HTTP 500");
    assertThat(server.faults.get("submit")).hasSizeGreaterThan(90);
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void doesNotRetryAPermanentError() {
    server.failNext("submit", 1, 400);

    RunResult result = run(generate("a", 30));

    assertThat(result.step("a").orElseThrow().error()).contains("HTTP 400");
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void opensTheBreakerWhileTheServerIsDownAndResumesWhenHealthAnswers() {
    server.down = true;
    int[] sleeps = {0};
    sleeper.onSleep =
        () -> {
          if (++sleeps[0] == 12) {
            server.down = false;
          }
        };

    RunResult result = run(generate("a", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.healthCalls).isPositive();
    // Once open, the breaker waits openWait between probes instead of hammering the server.
    assertThat(sleeper.sleeps).contains(Duration.ofSeconds(2));
  }

  @Test
  void givesUpOnAServerThatStaysDownNamingIt() {
    server.down = true;

    RunResult result = run(generate("a", 30), generate("b", 30, "a"));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SERVER_UNAVAILABLE);
    assertThat(result.error())
        .contains("http://fake:8001")
        .contains("CircuitBreaker 'http://fake:8001' is OPEN");
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
    assertThat(sleeper.total()).isLessThan(Duration.ofMinutes(3));
  }

  @Test
  void keepsPollingAPresumedTimeoutUntilTheStepsOwnTimeout() {
    server.defaultScript = List.of(RUNNING, PRESUMED_TIMED_OUT);
    ExecStep a =
        new ExecStep(
            "a",
            List.of(),
            0,
            Duration.ofSeconds(60),
            up -> StepAction.Job.generate(request(1).build()));

    RunResult result = run(a);

    assertThat(result.step("a").orElseThrow().error()).startsWith("timed out after 60 s (task t1");
    assertThat(result.polls()).isGreaterThan(10);
  }

  @Test
  void aPresumedTimeoutThatFinishesAfterwardsSucceeds() {
    server.script(RUNNING, PRESUMED_TIMED_OUT, PRESUMED_TIMED_OUT, SUCCEED);

    RunResult result = run(generate("a", 30));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.step("a").orElseThrow().events()).anyMatch(e -> e.contains("presumed"));
  }

  @Test
  void uploadsTheLocalCopyWhenTheServerNoLongerHasTheSource() {
    server.lostPaths.add("/srv/out/t1-0.flac");
    ExecStep draft = generate("draft", 30);
    ExecStep cover =
        step(
            "cover",
            0,
            StepAction.Job.cover(new AudioRef("draft", 0), null, request(2).build()),
            "draft");

    RunResult result = run(draft, cover);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.uploads)
        .containsExactly(result.step("draft").orElseThrow().takes().get(0).localPath());
    assertThat(server.submitted.get(1).srcAudioPath()).isNull();
  }

  @Test
  void importedAudioIsUploadedOrFailsClearlyOnServersThatRefuseUploads() throws Exception {
    Path song = dir.resolve("song.wav");
    FakeAudioProbe.write(song, 20.0);
    server.refusesUploads = true;
    ExecStep in = step("in", 0, new StepAction.Import(song));
    ExecStep cover =
        step(
            "cover",
            0,
            StepAction.Job.cover(new AudioRef("in", 0), null, request(2).build()),
            "in");

    RunResult result = run(in, cover);

    assertThat(result.step("in").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(result.step("cover").orElseThrow().error())
        .contains("does not accept audio uploads");
  }

  @Test
  void formatFieldsFeedTheStepsAfterIt() {
    ExecStep words =
        step(
            "words",
            0,
            StepAction.Ask.format(
                new FormatRequest("synthwave", "neon", null, null, null, null, null, null)));
    ExecStep draft =
        new ExecStep(
            "draft",
            List.of("words"),
            0,
            null,
            up ->
                StepAction.Job.generate(
                    request(5)
                        .prompt((String) up.output("words").field("caption").orElseThrow())
                        .audioDuration((Double) up.output("words").field("duration").orElseThrow())
                        .build()));

    RunResult result = run(words, draft);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted.get(0).prompt()).isEqualTo("formatted: synthwave");
    assertThat(server.submitted.get(0).audioDuration()).isEqualTo(42.0);
    assertThat(result.step("draft").orElseThrow().fields())
        .containsEntry("caption", "formatted: synthwave");
  }

  @Test
  void aStepWhoseTemplateCannotBeResolvedFailsWithTheResolversMessage() {
    ExecStep a =
        new ExecStep(
            "a",
            List.of(),
            0,
            null,
            up -> {
              throw new IllegalArgumentException(
                  "step 'a': bpm needs ${steps.w.bpm}, which that step did not produce");
            });

    RunResult result = run(a);

    assertThat(result.step("a").orElseThrow().error()).contains("did not produce");
  }

  @Test
  void cancellingStopsSubmittingAndReportsTheTasksInFlight() {
    settings = settings.withMaxParallel(1);
    server.defaultScript = List.of(RUNNING);
    Executor executor = executor();
    sleeper.onSleep = executor::cancel;

    RunResult result = executor.run(List.of(generate("a", 30), generate("b", 30)));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.INTERRUPTED);
    assertThat(result.inFlightTaskIds()).containsExactly("t1");
    assertThat(result.step("a").orElseThrow().state()).isEqualTo(StepState.ABANDONED);
    assertThat(result.step("b").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void sendsTheRequestedTakesAndKeepsEveryOne() {
    ExecStep a =
        step("a", 0, StepAction.Job.generate(request(1).batchSize(3).audioDuration(30.0).build()));

    RunResult result = run(a);

    assertThat(server.submitted.get(0).batchSize()).isEqualTo(3);
    assertThat(result.step("a").orElseThrow().takes())
        .extracting(TakeResult::index)
        .containsExactly(0, 1, 2);
    assertThat(result.step("a").orElseThrow().takes().get(2).localPath())
        .isEqualTo(dir.resolve("takes/a/2.flac"));
  }

  @Test
  void reportsEachStateChangeToTheListener() {
    run(generate("a", 30));

    assertThat(changes)
        .extracting(StepView::state)
        .contains(StepState.RUNNING, StepState.SUCCEEDED);
  }
}
