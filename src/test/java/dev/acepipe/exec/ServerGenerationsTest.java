package dev.acepipe.exec;

import static dev.acepipe.exec.FakeAceStepClient.Answer.RUNNING;
import static dev.acepipe.exec.FakeAceStepClient.Answer.STALE;
import static dev.acepipe.exec.FakeAceStepClient.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskRequestBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor does differently on snapshot and newer servers, driven by their {@link
 * ServerProfile}.
 */
@Timeout(20)
class ServerGenerationsTest {
  @TempDir Path dir;

  private final FakeClock clock = new FakeClock();
  private final FakeSleeper sleeper = new FakeSleeper(clock);
  private final FakeAceStepClient server = new FakeAceStepClient();
  private final ResiliencePolicies policies =
      new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock);
  private final List<String> notReproducible = new ArrayList<>();

  static ServerProfile snapshot(Optional<Boolean> lm) {
    return new ServerProfile(
        ServerProfile.Generation.SNAPSHOT,
        ServerProfile.Backend.EXTERNAL,
        "1.0",
        false,
        true,
        false,
        false,
        lm,
        false,
        Map.of(),
        Set.of("mp3", "wav", "flac"),
        Optional.empty(),
        false);
  }

  static ServerProfile newer(boolean lm) {
    return new ServerProfile(
        ServerProfile.Generation.NEWER,
        ServerProfile.Backend.EXTERNAL,
        "1.0",
        true,
        false,
        true,
        true,
        Optional.of(lm),
        true,
        Map.of(),
        Set.of("mp3", "wav", "flac"),
        Optional.empty(),
        false);
  }

  private RunResult run(ExecStep... steps) {
    RunJournal journal =
        new RunJournal() {
          @Override
          public void notReproducible(String stepId) {
            notReproducible.add(stepId);
          }
        };
    return new Executor(
            RunServers.one(server),
            policies,
            new FakeAudioProbe(),
            journal,
            new RunListener() {},
            clock,
            sleeper,
            new ExecutorOptions(dir.resolve("takes"), false, 10))
        .run(List.of(steps));
  }

  private static TaskRequestBuilder request(long seed) {
    return TaskRequest.builder().prompt("synthwave").seed(seed).batchSize(1);
  }

  private static ExecStep step(String id, int retries, StepAction action, String... needs) {
    return new ExecStep(id, List.of(needs), retries, Duration.ofMinutes(10), up -> action);
  }

  private static ExecStep draft() {
    return step("draft", 0, StepAction.Job.generate(request(7).audioDuration(20.0).build()));
  }

  private static ExecStep cover(String from) {
    return step(
        "cover", 0, StepAction.Job.cover(new AudioRef(from, 0), 0.5, request(8).build()), from);
  }

  private ExecStep imported(String serverPath) throws Exception {
    Path file = dir.resolve("mine.wav");
    FakeAudioProbe.write(file, 12);
    return step("mine", 0, new StepAction.Import(file, serverPath));
  }

  @Test
  void handsTakesOnByServerPathAndNeverUploadsOnASnapshotServer() {
    server.profile = snapshot(Optional.empty());
    server.refusesUploads = true;

    RunResult result = run(draft(), cover("draft"));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted.get(1).srcAudioPath()).isEqualTo("/srv/out/t1-0.flac");
    assertThat(server.uploads).isEmpty();
    assertThat(server.probes).containsExactly("/srv/out/t1-0.flac");
  }

  @Test
  void uploadsEvenTakesRenderedInThisRunOnANewerServer() {
    server.profile = newer(true);
    server.refusesPaths = true;

    RunResult result = run(draft(), cover("draft"));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted.get(1).srcAudioPath()).isNull();
    assertThat(server.uploads).hasSize(1);
    assertThat(server.probes).as("no path is tried, so none is probed").isEmpty();
  }

  @Test
  void uploadsWhenAServerRefusesTheAbsolutePathItsProfilePromised() {
    server.refusesPaths = true; // the default fake profile claims both ways work

    RunResult result = run(draft(), cover("draft"));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.uploads).hasSize(1);
    assertThat(result.step("cover").orElseThrow().events())
        .anyMatch(e -> e.contains("refused the absolute path"));
  }

  @Test
  void handsOnByPathWhenAServerRefusesTheUploadItsProfilePromised() {
    server.profile = newer(true);
    server.refusesUploads = true;

    RunResult result = run(draft(), cover("draft"));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted.get(1).srcAudioPath()).isEqualTo("/srv/out/t1-0.flac");
    assertThat(result.step("cover").orElseThrow().events())
        .anyMatch(e -> e.contains("refused the upload"));
  }

  @Test
  void uploadsAnImportUsedAsReferenceWhereUploadsAreAccepted() throws Exception {
    server.profile = newer(true);
    ExecStep styled =
        step(
            "styled",
            0,
            StepAction.Job.generate(request(3).audioDuration(20.0).build())
                .withReference(new AudioRef("mine", 0)),
            "mine");

    RunResult result = run(imported(null), styled);

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.referenceUploads).containsExactly(dir.resolve("mine.wav"));
    assertThat(server.submitted.get(0).referenceAudioPath()).isNull();
  }

  @Test
  void failsBeforeSubmittingWhenAnImportedReferenceCannotReachASnapshotServer() throws Exception {
    server.profile = snapshot(Optional.empty());
    ExecStep styled =
        step(
            "styled",
            0,
            StepAction.Job.generate(request(3).audioDuration(20.0).build())
                .withReference(new AudioRef("mine", 0)),
            "mine");

    RunResult result = run(imported(null), styled);

    assertThat(server.submitted).isEmpty();
    assertThat(result.step("styled").orElseThrow().error())
        .startsWith("the reference 'mine' is a local file");
  }

  @Test
  void failsBeforeSubmittingWhenALocalImportCannotReachASnapshotServer() throws Exception {
    server.profile = snapshot(Optional.empty());

    RunResult result = run(imported(null), cover("mine"));

    assertThat(server.submitted).isEmpty();
    assertThat(result.step("cover").orElseThrow().error())
        .contains(
            "is a local file",
            "does not accept audio uploads",
            "server_path:",
            "import step 'mine'");
  }

  @Test
  void handsAnImportWithServerPathOnByThatPath() throws Exception {
    server.profile = snapshot(Optional.empty());
    server.serve("/data/mine.wav", 12);

    RunResult result = run(imported("/data/mine.wav"), cover("mine"));

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted.get(0).srcAudioPath()).isEqualTo("/data/mine.wav");
  }

  @Test
  void failsBeforeSubmittingWhenAnImportsServerPathIsNotOnTheServer() throws Exception {
    server.profile = snapshot(Optional.empty());

    RunResult result = run(imported("/data/elsewhere.wav"), cover("mine"));

    assertThat(server.submitted).isEmpty();
    assertThat(result.step("cover").orElseThrow().error())
        .contains("server_path /data/elsewhere.wav is not on");
  }

  @Test
  void asksAgainForTheTakesAServerCutEachWithItsOwnSeed() {
    server.maxBatch = 1;
    ExecStep draft =
        step(
            "draft",
            2,
            StepAction.Job.generate(
                request(7).seeds(List.of(11L, 12L, 13L)).batchSize(3).audioDuration(20.0).build()));

    RunResult result = run(draft);

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.step("draft").orElseThrow().takes())
        .extracting(TakeResult::index)
        .containsExactly(0, 1, 2);
    assertThat(server.submitted).extracting(TaskRequest::batchSize).containsExactly(3, 2, 1);
    assertThat(server.submitted).extracting(TaskRequest::seed).containsExactly(11L, 12L, 13L);
    assertThat(result.step("draft").orElseThrow().takes())
        .extracting(TakeResult::seedSent)
        .containsExactly(11L, 12L, 13L);
  }

  @Test
  void failsNamingTheCutWhenNoRetryIsLeftAndSkipsWhatNeedsTheMissingTake() {
    server.maxBatch = 1;
    ExecStep draft =
        step(
            "draft",
            0,
            StepAction.Job.generate(request(7).batchSize(2).audioDuration(20.0).build()));
    ExecStep second =
        step(
            "second",
            0,
            StepAction.Job.cover(new AudioRef("draft", 1), 0.5, request(8).build()),
            "draft");

    RunResult result = run(draft, second);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.step("draft").orElseThrow().error())
        .contains("returned 1 of 2 takes", "takes: 1", "retries:");
    assertThat(result.step("second").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void failsAStepNamingATakeItsSourceNeverHadInsteadOfCrashing() {
    ExecStep second =
        step(
            "second",
            0,
            StepAction.Job.cover(new AudioRef("draft", 1), 0.5, request(8).build()),
            "draft");

    RunResult result = run(draft(), second);

    assertThat(result.step("second").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(result.step("second").orElseThrow().error())
        .isEqualTo(
            "input draft#1 does not exist: step 'draft' has 1 take(s) (its server returned fewer than "
                + "asked); use an existing take or let 'draft' retry its missing takes (retries:)");
  }

  @Test
  void resubmitsOnceAJobARestartLeftStaleWhileTheServerRunsNothing() {
    server.script(RUNNING, STALE).script(RUNNING, SUCCEED);

    RunResult result = run(draft());

    assertThat(result.outcome())
        .as(result.steps().toString())
        .isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).hasSize(2);
    assertThat(result.step("draft").orElseThrow().events())
        .anyMatch(
            e -> e.contains("stayed at 'Preparing inputs...'") && e.contains("resubmitted ("));
    assertThat(clock.instant()).isBefore(java.time.Instant.parse("2026-11-25T12:05:00Z"));
  }

  @Test
  void keepsWaitingForAJobThatSitsStillWhileTheServerIsBusyWithIt() {
    server.script(
        RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING,
        RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING, RUNNING,
        SUCCEED);
    sleeper.onSleep = () -> clock.advance(Duration.ofSeconds(20));

    RunResult result = run(draft());

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(server.submitted).as("the server reported the job running: never lost").hasSize(1);
  }

  @Test
  void failsAThinkingJobBeforeSubmittingOnAServerWithoutItsLm() {
    server.profile = newer(false);
    ExecStep sung =
        step(
            "sung",
            3,
            StepAction.Job.generate(request(1).thinking(true).audioDuration(20.0).build()));

    RunResult result = run(sung, draft());

    assertThat(result.step("sung").orElseThrow().error())
        .contains("no language model", "thinking: false");
    assertThat(server.submitted).hasSize(1);
    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void neitherRetriesNorTripsTheBreakerWhenTheLmIsNotInitialized() {
    for (int i = 0; i < 10; i++) {
      server.failNextWith(
          "format",
          new AceStepException(
              "/format_input",
              503,
              "LLM not initialized",
              false,
              AceStepException.Kind.LM_UNAVAILABLE,
              null));
    }
    ExecStep words =
        step(
            "words",
            3,
            StepAction.Ask.format(new FormatRequest("p", "l", null, null, null, null, null, null)));

    RunResult result = run(words, draft());

    assertThat(result.step("words").orElseThrow().error())
        .contains("no language model", "not retried");
    assertThat(server.faults.get("format")).as("asked once").hasSize(9);
    assertThat(policies.circuitBreaker(server.baseUrl()).getState())
        .isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(result.step("draft").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void doesNotRetryAThinkingJobThatFailedSilentlyOnASnapshotServer() {
    server.profile = snapshot(Optional.empty());
    server.defaultScript = List.of(FakeAceStepClient.Answer.FAIL);
    ExecStep sung =
        step(
            "sung",
            3,
            StepAction.Job.generate(request(1).thinking(true).audioDuration(20.0).build()));

    RunResult result = run(sung);

    assertThat(server.submitted).hasSize(1);
    assertThat(result.step("sung").orElseThrow().error())
        .contains("no reason", "no language model for thinking: true", "not retried");
  }

  @Test
  void endsTheRunAsAServerErrorWhenTheServerHasNoApiKeyConfigured() {
    server.failNextWith(
        "submit",
        new AceStepException(
            "/release_task",
            503,
            "API key is not configured",
            false,
            AceStepException.Kind.NOT_CONFIGURED,
            null));

    RunResult result = run(draft());

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SERVER_UNAVAILABLE);
    assertThat(result.error()).contains("API key is not configured", "--api-key");
  }

  @Test
  void warnsOnceAndMarksStepsNotReproducibleWhenTheServerIgnoresSeeds() {
    server.ignoresSeeds = true;
    ExecStep other =
        step("other", 0, StepAction.Job.generate(request(9).audioDuration(20.0).build()));

    RunResult result = run(draft(), other);

    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().get(0)).contains("did not use the seeds", "reproducible: false");
    assertThat(notReproducible).containsExactlyInAnyOrder("draft", "other");
  }

  @Test
  void sendsPerTakeSeedListsOnlyToServersThatReadThem() {
    server.profile = snapshot(Optional.empty());
    ExecStep draft =
        step(
            "draft",
            0,
            StepAction.Job.generate(
                request(7).seeds(List.of(21L, 22L)).batchSize(2).audioDuration(20.0).build()));

    run(draft);

    assertThat(server.submitted.get(0).seeds()).isEmpty();
    assertThat(server.submitted.get(0).seed()).isEqualTo(21L);
    assertThat(notReproducible).as("a snapshot server ignores seeds").containsExactly("draft");
  }

  @Test
  void recordsWhatTheServerUsedWhereItDiffersFromTheRequest() {
    server.rewrittenCaption = "an LM's idea of synthwave";

    RunResult result = run(draft());

    StepReport report = result.step("draft").orElseThrow();
    assertThat(report.serverUsed()).containsOnly(Map.entry("caption", "an LM's idea of synthwave"));
    assertThat(report.events()).anyMatch(e -> e.startsWith("server used caption"));
  }

  @Test
  void saysTheEmbeddedSynthesizerRenderedWhenItsProfileSaysSo() {
    server.profile =
        new ServerProfile(
            ServerProfile.Generation.NEWER,
            ServerProfile.Backend.EMBEDDED,
            "1.0",
            true,
            true,
            true,
            true,
            Optional.of(true),
            true,
            Map.of(),
            Set.of("wav"),
            Optional.empty(),
            false);

    RunResult result = run(draft());

    assertThat(result.renderedBy()).isEqualTo("embedded synthesizer (not AI)");
    assertThat(result.profile()).isEqualTo(server.profile);
  }
}
