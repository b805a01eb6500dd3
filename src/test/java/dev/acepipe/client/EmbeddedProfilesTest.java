package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.acepipe.client.ServerProfile.Backend;
import dev.acepipe.client.ServerProfile.Generation;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each embedded server profile exercised through the real {@link OkHttpAceStepClient}: the traps of
 * the snapshot and the newer generation as a client meets them, and what {@link
 * AceStepClient#profile()} makes of each.
 */
class EmbeddedProfilesTest {
  private static final String KEY = "profile-key-7c21";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private EmbeddedServer server;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private OkHttpAceStepClient start(EmbeddedProfile profile) throws Exception {
    return start(profile, c -> c);
  }

  private OkHttpAceStepClient start(
      EmbeddedProfile profile, UnaryOperator<EmbeddedServerConfig> tweak) throws Exception {
    server =
        EmbeddedServer.start(
            tweak.apply(EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile)));
    open.add(server);
    return client(server, null);
  }

  private OkHttpAceStepClient client(EmbeddedServer s, String key) {
    OkHttpAceStepClient c =
        new OkHttpAceStepClient(
            ClientConfig.custom(s.baseUrl())
                .apiKey(key)
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(20))
                .build(),
            line -> {});
    open.add(c);
    return c;
  }

  private static TaskRequestBuilder job() {
    return TaskRequest.builder().prompt("piano trio").audioDuration(1.0).audioFormat("wav").seed(7);
  }

  private static TaskStatus await(AceStepClient client, String id) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      TaskStatus s = client.query(List.of(id)).get(0);
      if (!(s instanceof TaskStatus.Pending)) {
        return s;
      }
      Thread.sleep(30);
    }
    throw new AssertionError("task " + id + " did not finish");
  }

  private static TaskStatus.Succeeded succeeded(AceStepClient client, String id)
      throws InterruptedException {
    TaskStatus s = await(client, id);
    assertThat(s).isInstanceOf(TaskStatus.Succeeded.class);
    return (TaskStatus.Succeeded) s;
  }

  private static List<Long> seeds(TaskStatus.Succeeded done) {
    return Arrays.stream(done.takes().get(0).seedValue().split(",")).map(Long::parseLong).toList();
  }

  // ---- detection
  // ------------------------------------------------------------------------------------------------

  @Test
  void theEmbeddedProfileIsDetectedAsAServerThatTakesUploadsAndPathsAlike() throws Exception {
    ServerProfile profile = start(EmbeddedProfile.EMBEDDED).profile();

    assertThat(profile.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(profile.generation()).isEqualTo(Generation.NEWER);
    assertThat(profile.acceptsUploads()).isTrue();
    assertThat(profile.acceptsAbsolutePaths()).isTrue();
    assertThat(profile.honoursSeeds()).isTrue();
    assertThat(profile.seedLists()).isTrue();
    assertThat(profile.lm()).contains(true);
    assertThat(profile.loraApi()).as("openapi.json lists the LoRA routes").isTrue();
  }

  @Test
  void theSnapshotProfileIsDetectedAsTheSnapshotGenerationButStillEmbedded() throws Exception {
    ServerProfile profile = start(EmbeddedProfile.SNAPSHOT).profile();

    assertThat(profile.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(profile.generation()).isEqualTo(Generation.SNAPSHOT);
    assertThat(profile.acceptsUploads()).isFalse();
    assertThat(profile.acceptsAbsolutePaths()).isTrue();
    assertThat(profile.honoursSeeds()).isFalse();
    assertThat(profile.seedLists()).isFalse();
    assertThat(profile.lm()).as("the snapshot's /health does not say").isEmpty();
    assertThat(profile.taskTypes()).isEmpty();
  }

  @Test
  void theNewerProfileIsDetectedWithTaskTypesSeedListsAndConfinedPaths() throws Exception {
    ServerProfile profile = start(EmbeddedProfile.NEWER).profile();

    assertThat(profile.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(profile.generation()).isEqualTo(Generation.NEWER);
    assertThat(profile.acceptsUploads()).isTrue();
    assertThat(profile.acceptsAbsolutePaths()).isFalse();
    assertThat(profile.seedLists()).isTrue();
    assertThat(profile.lm()).contains(true);
    assertThat(profile.loadedModel()).contains("acestep-v15-turbo");
    assertThat(profile.taskTypes().get("acestep-v15-turbo"))
        .containsExactly("text2music", "repaint", "cover", "cover-nofsq");
    assertThat(profile.supports("acestep-v15-base", "lego")).isTrue();
    assertThat(profile.supports("acestep-v15-turbo", "lego")).isFalse();
  }

  @Test
  void theInventoryComesFromModelInventoryOnNewerAndFromModelsOnTheSnapshot() throws Exception {
    ModelInventory newer = start(EmbeddedProfile.NEWER, c -> c.withLm(false)).modelInventory();
    server.close();
    ModelInventory snapshot = start(EmbeddedProfile.SNAPSHOT).modelInventory();

    assertThat(newer.fromInventory()).isTrue();
    assertThat(newer.models())
        .extracting(ModelInventory.Model::name)
        .containsExactly("acestep-v15-turbo", "acestep-v15-base");
    assertThat(newer.models().get(0).loaded()).contains(true);
    assertThat(newer.models().get(1).taskTypes()).contains("extract", "lego", "complete");
    assertThat(newer.lmLoaded()).contains(false);
    assertThat(snapshot.fromInventory()).isFalse();
    assertThat(snapshot.models())
        .extracting(ModelInventory.Model::name)
        .contains("acestep-v15-turbo");
    assertThat(snapshot.models().get(0).taskTypes()).isEmpty();
  }

  // ---- uploads and paths
  // ----------------------------------------------------------------------------------------

  @Test
  void theSnapshotRefusesEveryUploadWithAPermanentError() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.SNAPSHOT);
    Path audio = Files.write(dir.resolve("src.wav"), new byte[] {1, 2, 3});

    AceStepException e =
        catchThrowableOfType(
            () -> client.submitWithUpload(job().taskType("cover").build(), audio),
            AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.kind()).isEqualTo(AceStepException.Kind.UPLOAD_REFUSED);
    assertThat(e.isTransient()).isFalse();
    assertThat(server.counters().acceptedTasks()).isZero();
  }

  @Test
  void theSnapshotReadsAnyAbsolutePathAndAMissingOneStillSucceeds() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.SNAPSHOT);
    TaskStatus.Succeeded first = succeeded(client, client.submit(job().build()).taskId());
    Path elsewhere =
        Files.copy(Path.of(first.takes().get(0).serverPath()), dir.resolve("outside.wav"));

    TaskStatus outside =
        await(
            client,
            client
                .submit(job().taskType("cover").srcAudioPath(elsewhere.toString()).build())
                .taskId());
    TaskStatus missing =
        await(
            client,
            client
                .submit(
                    job()
                        .taskType("cover")
                        .srcAudioPath(dir.resolve("no-such.wav").toString())
                        .build())
                .taskId());

    assertThat(outside).isInstanceOf(TaskStatus.Succeeded.class);
    assertThat(missing).as("unrelated audio, no error").isInstanceOf(TaskStatus.Succeeded.class);
  }

  @Test
  void theNewerProfileTakesSourceAndReferenceUploadsAndDeletesThemWhenTheJobEnds()
      throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER);
    TaskStatus.Succeeded first = succeeded(client, client.submit(job().build()).taskId());
    Path local = dir.resolve("local.wav");
    client.download(first.takes().get(0).fileUrl(), local);

    String id = client.submitWithUpload(job().taskType("cover").build(), local, local).taskId();
    TaskStatus.Succeeded cover = succeeded(client, id);

    assertThat(cover.takes()).hasSize(1);
    Path temp = server.config().effectiveTempDir();
    try (Stream<Path> left = Files.exists(temp) ? Files.list(temp) : Stream.empty()) {
      assertThat(left).as("uploads are deleted when the job ends").isEmpty();
    }
  }

  @Test
  void theNewerProfileRefusesAnOutputPathAsSourceWithPathRefused() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER);
    TaskStatus.Succeeded first = succeeded(client, client.submit(job().build()).taskId());
    String output = first.takes().get(0).serverPath();

    AceStepException absolute =
        catchThrowableOfType(
            () -> client.submit(job().taskType("repaint").srcAudioPath(output).build()),
            AceStepException.class);
    AceStepException traversal =
        catchThrowableOfType(
            () -> client.submit(job().taskType("repaint").srcAudioPath("../etc/passwd").build()),
            AceStepException.class);

    assertThat(absolute.httpStatus()).isEqualTo(400);
    assertThat(absolute.detail()).isEqualTo("absolute audio file paths are not allowed");
    assertThat(absolute.kind()).isEqualTo(AceStepException.Kind.PATH_REFUSED);
    assertThat(absolute.isTransient()).isFalse();
    assertThat(traversal.httpStatus()).isEqualTo(400);
    assertThat(traversal.detail()).contains("path traversal");
    assertThat(traversal.kind()).isEqualTo(AceStepException.Kind.GENERAL);
  }

  @Test
  void aNewerServerWhoseTempDirHoldsItsOutputsAcceptsOutputPaths() throws Exception {
    OkHttpAceStepClient client =
        start(EmbeddedProfile.NEWER, c -> c.withTempDir(dir.resolve("out")));
    TaskStatus.Succeeded first = succeeded(client, client.submit(job().build()).taskId());

    String id =
        client
            .submit(job().taskType("cover").srcAudioPath(first.takes().get(0).serverPath()).build())
            .taskId();

    assertThat(await(client, id)).isInstanceOf(TaskStatus.Succeeded.class);
  }

  @Test
  void theNewerProfileFailsASourceTaskWhoseSourceIsMissingWithoutAReason() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER);

    TaskStatus status =
        await(
            client,
            client.submit(job().taskType("repaint").srcAudioPath("missing.wav").build()).taskId());

    assertThat(status).isInstanceOf(TaskStatus.Failed.class);
    assertThat(((TaskStatus.Failed) status).reasonIfAny()).isEmpty();
  }

  // ---- seeds and batches
  // ----------------------------------------------------------------------------------------

  @Test
  void theSnapshotIgnoresSeedsAndReportsOthersThanItUsed() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.SNAPSHOT);

    TaskStatus.Succeeded a =
        succeeded(client, client.submit(job().seed(1234).batchSize(2).build()).taskId());
    TaskStatus.Succeeded b =
        succeeded(client, client.submit(job().seed(1234).batchSize(2).build()).taskId());

    assertThat(seeds(a)).hasSize(2).doesNotContain(1234L);
    assertThat(seeds(a)).isNotEqualTo(seeds(b));
  }

  @Test
  void theNewerProfileSeedsEachTakeFromTheListAndRandomlyPastItsEnd() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER);

    TaskStatus.Succeeded done =
        succeeded(
            client, client.submit(job().seeds(List.of(11L, 22L)).batchSize(3).build()).taskId());
    TaskStatus.Succeeded single =
        succeeded(client, client.submit(job().seed(5).batchSize(2).build()).taskId());

    assertThat(seeds(done)).hasSize(3).startsWith(11L, 22L);
    assertThat(seeds(single).get(0)).isEqualTo(5L);
  }

  @Test
  void theEmbeddedProfileSeedsTakeIWithSeedPlusIOrTheListEntry() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.EMBEDDED);

    TaskStatus.Succeeded single =
        succeeded(client, client.submit(job().seed(40).batchSize(2).build()).taskId());
    TaskStatus.Succeeded list =
        succeeded(
            client, client.submit(job().seeds(List.of(9L, 3L)).batchSize(2).build()).taskId());

    assertThat(seeds(single)).containsExactly(40L, 41L);
    assertThat(seeds(list)).containsExactly(9L, 3L);
  }

  @Test
  void maxBatchSilentlyCutsTheTakesOfAnyProfile() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER, c -> c.withMaxBatch(1));

    TaskStatus.Succeeded done =
        succeeded(client, client.submit(job().batchSize(3).build()).taskId());

    assertThat(done.takes()).hasSize(1);
  }

  // ---- the LM
  // ---------------------------------------------------------------------------------------------------

  @Test
  void withoutTheLmFormatInputIsAPermanentLmUnavailableError() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.SNAPSHOT);

    AceStepException e =
        catchThrowableOfType(
            () ->
                client.formatInput(
                    new FormatRequest("pop", "la la", null, null, null, null, null, null)),
            AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.kind()).isEqualTo(AceStepException.Kind.LM_UNAVAILABLE);
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void withoutTheLmAThinkingJobFailsWithNoReasonButRandomSamplesStillWork() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER, c -> c.withLm(false));

    TaskStatus status = await(client, client.submit(job().thinking(true).build()).taskId());

    assertThat(status).isInstanceOf(TaskStatus.Failed.class);
    assertThat(((TaskStatus.Failed) status).reasonIfAny()).isEmpty();
    assertThat(client.randomSample("custom_mode")).isNotNull();
  }

  @Test
  void theLmOfAnUpstreamProfileRewritesTheCaptionUnlessUseCotCaptionIsFalse() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER);

    TaskStatus.Succeeded rewritten = succeeded(client, client.submit(job().build()).taskId());
    TaskStatus.Succeeded kept =
        succeeded(client, client.submit(job().useCotCaption(false).build()).taskId());

    assertThat(rewritten.takes().get(0).prompt())
        .startsWith("piano trio")
        .isNotEqualTo("piano trio");
    assertThat(kept.takes().get(0).prompt()).isEqualTo("piano trio");
  }

  // ---- restarts
  // -------------------------------------------------------------------------------------------------

  @Test
  void aJobRunningWhenTheServerStoppedStaysStaleAfterARestartWithTheSameStateDir()
      throws Exception {
    MutableClock clock = new MutableClock();
    Path state = dir.resolve("state");
    OkHttpAceStepClient client =
        start(EmbeddedProfile.SNAPSHOT, c -> c.withStateDir(state).withClock(clock).withWorkers(1));
    String finished = client.submit(job().build()).taskId();
    succeeded(client, finished);
    server.faults(new FaultConfig(0, 0, 0, 0, 0, 1, 60, 0, 0));
    String running = client.submit(job().build()).taskId();
    String queued = client.submit(job().build()).taskId();
    awaitStage(client, running, "Preparing inputs...");
    String url = server.baseUrl();

    EmbeddedServer restarted = server.restart();
    open.add(restarted);
    OkHttpAceStepClient again = client(restarted, null);

    assertThat(restarted.baseUrl()).isEqualTo(url);
    List<TaskStatus> statuses = again.query(List.of(finished, running, queued));
    assertThat(statuses.get(0)).isInstanceOf(TaskStatus.Succeeded.class);
    assertThat(again.probe(((TaskStatus.Succeeded) statuses.get(0)).takes().get(0).serverPath()))
        .isTrue();
    assertThat(statuses.get(1))
        .isEqualTo(new TaskStatus.Pending(running, 0.01, "Preparing inputs..."));
    assertThat(statuses.get(2)).isInstanceOf(TaskStatus.Unknown.class);
    ServerStats stats = again.stats();
    assertThat(stats.running()).isZero();
    assertThat(stats.queued()).isZero();
    clock.advance(Duration.ofMinutes(61));
    assertThat(again.query(List.of(running)).get(0))
        .isInstanceOf(TaskStatus.PresumedTimedOut.class);
  }

  private static void awaitStage(AceStepClient client, String id, String stage)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (client.query(List.of(id)).get(0) instanceof TaskStatus.Pending p
          && p.stage().equals(stage)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("task " + id + " never reached stage " + stage);
  }

  // ---- auth
  // -----------------------------------------------------------------------------------------------------

  @Test
  void upstreamAuthChecksTheBodyTokenFirstAndNamesWhatIsMissing() throws Exception {
    start(EmbeddedProfile.NEWER, c -> c.withApiKey(KEY));
    OkHttpClient raw = new OkHttpClient();
    MediaType json = MediaType.get("application/json");

    String wrongBodyRightHeader =
        call(
            raw,
            new Request.Builder()
                .url(server.baseUrl() + "/release_task")
                .header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create("{\"ai_token\": \"wrong\", \"audio_duration\": 1}", json))
                .build());
    String nothing =
        call(
            raw,
            new Request.Builder()
                .url(server.baseUrl() + "/release_task")
                .post(RequestBody.create("{\"audio_duration\": 1}", json))
                .build());
    String statsWithoutHeader =
        call(raw, new Request.Builder().url(server.baseUrl() + "/v1/stats").build());
    String rawKey =
        call(
            raw,
            new Request.Builder()
                .url(server.baseUrl() + "/v1/stats")
                .header("Authorization", KEY)
                .build());

    assertThat(wrongBodyRightHeader).isEqualTo("401 {\"detail\":\"Invalid ai_token\"}");
    assertThat(nothing).isEqualTo("401 {\"detail\":\"Missing ai_token or Authorization header\"}");
    assertThat(statsWithoutHeader).isEqualTo("401 {\"detail\":\"Missing Authorization header\"}");
    assertThat(rawKey).startsWith("200 ");
    raw.dispatcher().executorService().shutdown();
  }

  @Test
  void theClientSendsTheKeyOnlyAsAHeaderSoAStrayBodyTokenCannotBeatIt() throws Exception {
    start(EmbeddedProfile.NEWER, c -> c.withApiKey(KEY));
    OkHttpAceStepClient client = client(server, KEY);

    String id = client.submit(job().extra("ai_token", "stale-wrong-token").build()).taskId();

    assertThat(await(client, id)).isInstanceOf(TaskStatus.Succeeded.class);
    assertThat(client.stats().total()).isEqualTo(1);
  }

  @Test
  void aWrongKeyIsRefusedOnTheHeaderOnlyStatsEndpoint() throws Exception {
    start(EmbeddedProfile.NEWER, c -> c.withApiKey(KEY));
    OkHttpAceStepClient client = client(server, "not-the-key");

    AceStepException e = catchThrowableOfType(client::stats, AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.detail()).isEqualTo("Invalid API key");
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void aFailClosedServerWithoutAKeyIsANotConfiguredError() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER, c -> c.withFailClosed(true));

    AceStepException e =
        catchThrowableOfType(() -> client.submit(job().build()), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.kind()).isEqualTo(AceStepException.Kind.NOT_CONFIGURED);
    assertThat(e.isTransient()).isFalse();
    assertThat(client.health().status()).as("/health stays open").isEqualTo("ok");
  }

  @Test
  void aBadProfileNameIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> EmbeddedProfile.parse("legacy"))
        .hasMessageContaining("embedded, snapshot, newer");
  }

  private static String call(OkHttpClient http, Request request) throws Exception {
    try (Response r = http.newCall(request).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
