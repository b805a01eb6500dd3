package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stem task types, the model rules and the LoRA and init routes of the embedded server, through
 * the real {@link OkHttpAceStepClient}.
 */
class StemsAndAdaptersTest {
  private static final String BASE = "acestep-v15-base";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private EmbeddedServer server;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private OkHttpAceStepClient start(
      EmbeddedProfile profile, UnaryOperator<EmbeddedServerConfig> tweak) throws Exception {
    server =
        EmbeddedServer.start(
            tweak.apply(EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile)));
    open.add(server);
    OkHttpAceStepClient c =
        new OkHttpAceStepClient(
            ClientConfig.custom(server.baseUrl())
                .readTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(20))
                .build(),
            line -> {});
    open.add(c);
    return c;
  }

  private static TaskRequestBuilder song() {
    return TaskRequest.builder()
        .prompt("drums, bass")
        .bpm(120)
        .keyScale("A minor")
        .audioDuration(4.0)
        .audioFormat("wav")
        .seed(3);
  }

  private static Take run(AceStepClient client, Submission submission) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      TaskStatus s = client.query(List.of(submission.taskId())).get(0);
      if (s instanceof TaskStatus.Succeeded done) {
        return done.takes().get(0);
      }
      assertThat(s).as("task %s", submission.taskId()).isNotInstanceOf(TaskStatus.Failed.class);
      Thread.sleep(20);
    }
    throw new AssertionError("task " + submission.taskId() + " did not finish");
  }

  private Take stem(AceStepClient client, String task, Take source, String track)
      throws InterruptedException {
    return run(
        client,
        client.submit(
            TaskRequest.builder()
                .taskType(task)
                .model(BASE)
                .srcAudioPath(source.serverPath())
                .trackName(track)
                .audioFormat("wav")
                .seed(11)
                .build()));
  }

  private static Pcm pcm(Take take) throws Exception {
    return AudioFiles.read(Path.of(take.serverPath())).toCanonical();
  }

  private static double rms(Pcm pcm) {
    ShortBuffer s = pcm.samples();
    double sum = 0;
    int n = s.remaining();
    for (int i = 0; i < n; i++) {
      double v = s.get(i);
      sum += v * v;
    }
    return Math.sqrt(sum / Math.max(1, n));
  }

  @Test
  void extractReturnsOneVoiceOfTheSourceAtTheSourcesLengthAndSilenceForAVoiceItLacks()
      throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.EMBEDDED, c -> c);
    Take source = run(client, client.submit(song().build()));

    Take drums = stem(client, "extract", source, "drums");
    Take again = stem(client, "extract", source, "drums");
    Take vocals = stem(client, "extract", source, "vocals");

    assertThat(pcm(drums).frames()).isEqualTo(pcm(source).frames());
    assertThat(rms(pcm(drums))).isGreaterThan(100).isLessThan(rms(pcm(source)));
    assertThat(Files.readAllBytes(Path.of(again.serverPath())))
        .isEqualTo(Files.readAllBytes(Path.of(drums.serverPath())));
    assertThat(rms(pcm(vocals))).as("the take has no lead voice").isZero();
  }

  @Test
  void legoAddsAVoiceThatCanBeExtractedAgainAndCompleteAddsAccompaniment() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.EMBEDDED, c -> c.withModel(BASE));
    Take source = run(client, client.submit(song().prompt("drums").build()));

    Take withGuitar = stem(client, "lego", source, "guitar");
    Take guitar = stem(client, "extract", withGuitar, "guitar");
    Take drums = stem(client, "extract", withGuitar, "drums");
    Take completed =
        run(
            client,
            client.submit(
                TaskRequest.builder()
                    .taskType("complete")
                    .srcAudioPath(source.serverPath())
                    .trackClasses(List.of("bass", "keyboard"))
                    .audioFormat("wav")
                    .seed(5)
                    .build()));

    assertThat(pcm(withGuitar).frames()).isEqualTo(pcm(source).frames());
    assertThat(rms(pcm(withGuitar))).isGreaterThan(rms(pcm(source)));
    assertThat(rms(pcm(guitar))).isGreaterThan(100);
    assertThat(rms(pcm(drums))).isGreaterThan(100);
    assertThat(pcm(completed).frames()).isEqualTo(pcm(source).frames());
    assertThat(rms(pcm(completed))).isGreaterThan(rms(pcm(source)));
  }

  @Test
  void theEmbeddedProfileRefusesABaseOnlyTaskOnTheTurboModelWhileNewerRunsIt() throws Exception {
    OkHttpAceStepClient embedded = start(EmbeddedProfile.EMBEDDED, c -> c);
    Take source = run(embedded, embedded.submit(song().build()));

    AceStepException e =
        catchThrowableOfType(
            () ->
                embedded.submit(
                    TaskRequest.builder()
                        .taskType("extract")
                        .srcAudioPath(source.serverPath())
                        .trackName("drums")
                        .build()),
            AceStepException.class);
    Path local = dir.resolve("source.wav");
    embedded.download(source.fileUrl(), local);
    OkHttpAceStepClient newer = start(EmbeddedProfile.NEWER, c -> c.withLm(false));
    Take extracted =
        run(
            newer,
            newer.submitWithUpload(
                TaskRequest.builder()
                    .taskType("extract")
                    .trackName("bass")
                    .audioFormat("wav")
                    .seed(1)
                    .build(),
                local));

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.detail()).contains("needs a base model").contains("acestep-v15-turbo");
    assertThat(extracted.ditModel()).isEqualTo("acestep-v15-turbo");
    assertThat(AudioFiles.read(Path.of(extracted.serverPath())).toCanonical().frames())
        .isEqualTo(AudioFiles.read(local).toCanonical().frames());
  }

  @Test
  void initSwitchesTheLoadedModelAndReportsWrapperErrors() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER, c -> c);

    InitResult result = client.initModel(BASE, null);
    AceStepException unknown =
        catchThrowableOfType(
            () -> client.initModel("acestep-v15-xl", null), AceStepException.class);
    AceStepException slot =
        catchThrowableOfType(() -> client.initModel(BASE, 2), AceStepException.class);

    assertThat(result.loadedModel()).isEqualTo(BASE);
    assertThat(client.profile().loadedModel()).contains(BASE);
    assertThat(client.modelInventory().models())
        .anySatisfy(
            m -> {
              assertThat(m.name()).isEqualTo(BASE);
              assertThat(m.loaded()).contains(true);
            });
    assertThat(unknown.wrapperError()).isTrue();
    assertThat(unknown.detail()).contains("code 500");
    assertThat(slot.wrapperError()).isTrue();
    assertThat(slot.detail()).contains("code 400");
    assertThat(server.counters().modelSwitches()).isEqualTo(1);
  }

  @Test
  void aLoadedLoraChangesEveryLaterTakeUntilItIsUnloaded() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.EMBEDDED, c -> c);
    Path adapter = Files.createDirectories(dir.resolve("adapters/jazz"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{}");
    Path lokr = Files.writeString(dir.resolve("adapters/lofi.safetensors"), "x");
    byte[] plain =
        Files.readAllBytes(Path.of(run(client, client.submit(song().build())).serverPath()));

    LoraResult loaded = client.loraLoad(adapter.toString(), null);
    client.loraLoad(lokr.toString(), "lofi");
    client.loraScale(0.5, "jazz");
    LoraStatus status = client.loraStatus();
    byte[] coloured =
        Files.readAllBytes(Path.of(run(client, client.submit(song().build())).serverPath()));
    client.loraToggle(false);
    byte[] off =
        Files.readAllBytes(Path.of(run(client, client.submit(song().build())).serverPath()));
    client.loraToggle(true);
    client.loraUnload();
    byte[] after =
        Files.readAllBytes(Path.of(run(client, client.submit(song().build())).serverPath()));

    assertThat(loaded.adapterName()).contains("jazz");
    assertThat(status.adapters()).containsExactly("jazz", "lofi");
    assertThat(status.scales()).containsEntry("jazz", 0.5).containsEntry("lofi", 1.0);
    assertThat(status.activeAdapter()).contains("lofi");
    assertThat(status.adapterType()).contains("lokr");
    assertThat(coloured).isNotEqualTo(plain);
    assertThat(off).isEqualTo(plain);
    assertThat(after).isEqualTo(plain);
    assertThat(client.loraStatus().loaded()).isFalse();
    assertThat(server.counters().adapterChanges()).isEqualTo(6);
    assertThat(server.counters().adapterChangesWhileRunning()).isZero();
  }

  @Test
  void loraFailuresComeBackInTheContractsShapes() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.NEWER, c -> c);
    Path adapter = Files.createDirectories(dir.resolve("adapters/jazz"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{}");

    AceStepException missing =
        catchThrowableOfType(
            () -> client.loraLoad(dir.resolve("none").toString(), null), AceStepException.class);
    AceStepException noConfig =
        catchThrowableOfType(() -> client.loraLoad(dir.toString(), null), AceStepException.class);
    AceStepException toggle =
        catchThrowableOfType(() -> client.loraToggle(true), AceStepException.class);
    client.loraLoad(adapter.toString(), "jazz");
    AceStepException twice =
        catchThrowableOfType(
            () -> client.loraLoad(adapter.toString(), "jazz"), AceStepException.class);
    AceStepException unknown =
        catchThrowableOfType(() -> client.loraScale(0.3, "lofi"), AceStepException.class);

    assertThat(missing.httpStatus()).isEqualTo(400);
    assertThat(missing.detail()).startsWith("❌");
    assertThat(noConfig.detail()).contains("adapter_config.json");
    assertThat(toggle.wrapperError()).isTrue();
    assertThat(twice.httpStatus()).isEqualTo(400);
    assertThat(twice.detail()).contains("already in use");
    assertThat(unknown.wrapperError()).isTrue();
    assertThat(client.profile().loraApi()).isTrue();
  }

  @Test
  void anAdapterChangeDuringAJobIsCountedAndThatJobIsMarked() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.EMBEDDED, c -> c.withJobDelaySeconds(0.6));
    Path adapter = Files.createDirectories(dir.resolve("adapters/jazz"));
    Files.writeString(adapter.resolve("adapter_config.json"), "{}");
    Submission job = client.submit(song().audioDuration(1.0).build());
    Instant deadline = Instant.now().plusSeconds(10);
    while (client.stats().running() == 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }

    client.loraLoad(adapter.toString(), null);
    run(client, job);

    assertThat(server.counters().adapterChangesWhileRunning()).isEqualTo(1);
    assertThat(server.counters().jobsAcrossAdapterChange()).isEqualTo(1);
  }

  @Test
  void theSnapshotHasNoLoraApi() throws Exception {
    OkHttpAceStepClient client = start(EmbeddedProfile.SNAPSHOT, c -> c);

    AceStepException e = catchThrowableOfType(client::loraStatus, AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(client.profile().loraApi()).isFalse();
  }
}
