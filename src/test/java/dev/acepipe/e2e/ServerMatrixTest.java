package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The everyday workflows against both ACE-Step server generations, as the embedded server imitates
 * them (see docs/servers.md, "Compatibility"): every cell either passes or fails with the
 * documented clear error. The engine runs in-process; the SIGKILL cell is {@link
 * ResumeAfterKillTest}.
 */
@Timeout(120)
class ServerMatrixTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  // ---- chain with every edit kind
  // ----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void runsTheWholeEditChainHandingTakesOnTheWayTheGenerationAccepts(EmbeddedProfile profile)
      throws Exception {
    Path project = project("chain.yaml");

    try (EmbeddedServer server = start(profile, c -> c)) {
      EngineRun run = run(project.resolve("chain.yaml"), server);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      JsonNode manifest = manifest(run);
      for (String edit : List.of("longer", "fixed", "unplugged")) {
        JsonNode request = step(manifest, edit).path("request");
        if (profile == EmbeddedProfile.SNAPSHOT) {
          assertThat(request.path("src_audio_path").asText())
              .as(edit + " by server path")
              .isNotEmpty();
        } else {
          assertThat(request.has("src_audio_path")).as(edit + " uploaded").isFalse();
        }
      }
      assertThat(manifest.path("server_profile").path("generation").asText())
          .isEqualTo(profile.label());
      assertThat(manifest.path("rendered_by").asText()).isEqualTo("embedded synthesizer (not AI)");
      assertThat(LineageTags.read(project.resolve("out/unplugged.wav")).orElseThrow().renderedBy())
          .isEqualTo("embedded synthesizer (not AI)");
      JsonNode lock = lock(project, "chain");
      boolean reproducible = profile != EmbeddedProfile.SNAPSHOT;
      assertThat(lock.path("steps").path("draft").path("reproducible").asBoolean())
          .isEqualTo(reproducible);
      assertThat(lock.path("steps").path("draft").path("server_generation").asText())
          .isEqualTo(profile.label());
      if (!reproducible) {
        assertThat(manifest.path("warnings").toString())
            .contains("did not use the seeds acepipe sent");
      }
    }
  }

  // ---- edit the last step and re-run
  // ------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void reRendersOnlyAnEditedLastStepFeedingItTheCachedTake(EmbeddedProfile profile)
      throws Exception {
    Path project = project("chain.yaml");
    Path pipeline = project.resolve("chain.yaml");

    try (EmbeddedServer server = start(profile, c -> c)) {
      EngineRun first = run(pipeline, server);
      Files.writeString(
          pipeline, Files.readString(pipeline).replace("acoustic guitar", "string quartet"));
      long before = server.counters().acceptedTasks();

      EngineRun second = run(pipeline, server);

      assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCodes.OK);
      assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(ExitCodes.OK);
      assertThat(server.counters().acceptedTasks() - before)
          .as("only the edited step renders")
          .isEqualTo(1);
      JsonNode unplugged = step(manifest(second), "unplugged");
      assertThat(unplugged.path("request").path("prompt").asText()).isEqualTo("string quartet");
      assertThat(unplugged.path("request").has("src_audio_path"))
          .as("the cached source goes by path on the snapshot, uploaded on newer servers")
          .isEqualTo(profile == EmbeddedProfile.SNAPSHOT);
    }
  }

  // ---- import -> continue / repaint / cover
  // -----------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void feedsAnImportToContinueRepaintAndCover(EmbeddedProfile profile) throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));
    Path wav = project.resolve("mine.wav");
    writeTone(wav, 12);

    try (EmbeddedServer server = start(profile, c -> c)) {
      Path pipeline = write(project, "import.yaml", importPipeline(null));
      EngineRun run = run(pipeline, server);

      if (profile == EmbeddedProfile.NEWER) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(step(manifest(run), "covered").path("request").has("src_audio_path")).isFalse();
        return;
      }
      // The snapshot takes no uploads: each edit fails before anything is sent, saying what to
      // do...
      assertThat(run.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(server.counters().acceptedTasks()).isZero();
      for (String edit : List.of("longer", "fixed", "covered")) {
        assertThat(step(manifest(run), edit).path("error").asText())
            .contains("does not accept audio uploads", "server_path:");
      }
      // ...and with the file on the server named by server_path, the import goes by path.
      Path onServer = Files.copy(wav, server.outputDir().resolve("mine-on-server.wav"));
      write(project, "import.yaml", importPipeline(onServer.toString()));

      EngineRun fixed = run(pipeline, server);

      assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isEqualTo(ExitCodes.OK);
      assertThat(step(manifest(fixed), "covered").path("request").path("src_audio_path").asText())
          .isEqualTo(onServer.toString());
    }
  }

  // ---- server restart mid-run
  // -------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void recoversJobsAServerRestartLeftStaleOrForgot(EmbeddedProfile profile) throws Exception {
    Path project = project("slow-trio.yaml");
    Path state = dir.resolve("state");
    UnaryOperator<EmbeddedServerConfig> slow =
        c -> c.withStateDir(state).withJobDelaySeconds(1.5).withWorkers(1);
    EmbeddedServer server = start(profile, slow);
    int port = server.port();
    CompletableFuture<EngineRun> running =
        CompletableFuture.supplyAsync(
            () ->
                EngineRun.of(
                    "run",
                    project.resolve("slow-trio.yaml").toString(),
                    "--server",
                    server.baseUrl(),
                    "--format",
                    "json",
                    "--lost-after",
                    "2"));
    awaitAccepted(server, 2);
    server.close();

    try (EmbeddedServer restarted = start(profile, c -> slow.apply(c).withPort(port))) {
      EngineRun run = running.get(100, TimeUnit.SECONDS);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      List<String> events = new ArrayList<>();
      manifest(run)
          .path("steps")
          .forEach(s -> s.path("events").forEach(e -> events.add(e.asText())));
      assertThat(events)
          .as("the job running at the restart is left stale: lost, resubmitted once")
          .anyMatch(
              e ->
                  e.contains("while the server ran and queued nothing")
                      && e.contains("resubmitted ("));
      assertThat(events)
          .as("a job queued at the restart is forgotten: resubmitted once")
          .anyMatch(e -> e.contains("server lost task") && e.contains("resubmitted ("));
      assertThat(restarted.counters().acceptedTasks()).isPositive();
    }
  }

  // ---- takes cut to 1
  // ---------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void asksAgainForTakesAServerCutFromTheBatch(EmbeddedProfile profile) throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));

    try (EmbeddedServer server = start(profile, c -> c.withMaxBatch(1))) {
      EngineRun run = run(write(project, "cut.yaml", cutPipeline(1)), server);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
      JsonNode draft = step(manifest(run), "draft");
      assertThat(draft.path("takes")).hasSize(2);
      assertThat(draft.path("events").toString()).contains("returned 1 of 2 takes", "asked again");
      assertThat(step(manifest(run), "longer").path("state").asText()).isEqualTo("succeeded");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void failsAStepWhoseServerCutTheBatchWhenNoRetryIsLeft(EmbeddedProfile profile) throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));

    try (EmbeddedServer server = start(profile, c -> c.withMaxBatch(1))) {
      EngineRun run = run(write(project, "cut.yaml", cutPipeline(0)), server);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
      JsonNode manifest = manifest(run);
      assertThat(step(manifest, "draft").path("error").asText())
          .contains("returned 1 of 2 takes", "takes: 1");
      assertThat(step(manifest, "longer").path("state").asText()).isEqualTo("skipped");
      assertThat(step(manifest, "other").path("state").asText()).isEqualTo("succeeded");
    }
  }

  // ---- server without LM
  // ------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void failsOnlyTheStepsThatNeedTheLmOnAServerWithout(EmbeddedProfile profile) throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));

    try (EmbeddedServer server = start(profile, c -> c.withLm(false))) {
      EngineRun run =
          run(
              write(
                  project,
                  "nolm.yaml",
                  """
          version: 1
          name: nolm
          seed: 3
          defaults:
            audio_format: wav
          steps:
            words:
              type: format
              prompt: dreamy synth pop
              lyrics: "[verse]\\nneon rain"
            sung:
              type: generate
              prompt: dreamy synth pop
              thinking: true
              duration: 10
            plain:
              type: generate
              prompt: dreamy synth pop
              lyrics: "[inst]"
              duration: 10
          """),
              server);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.RUN_FAILED);
      JsonNode manifest = manifest(run);
      assertThat(step(manifest, "words").path("error").asText())
          .contains("no language model", "not retried");
      assertThat(step(manifest, "words").path("attempts").asInt()).isZero();
      assertThat(step(manifest, "sung").path("error").asText())
          .contains("no language model", "thinking: false");
      assertThat(step(manifest, "sung").path("task_ids")).isEmpty();
      assertThat(step(manifest, "plain").path("state").asText()).isEqualTo("succeeded");
    }
  }

  // ---- helpers
  // ----------------------------------------------------------------------------------------------

  private EmbeddedServer start(EmbeddedProfile profile, UnaryOperator<EmbeddedServerConfig> tweak)
      throws IOException {
    return EmbeddedServer.start(
        tweak.apply(EmbeddedServerConfig.defaults(dir.resolve("srv-out")).withProfile(profile)));
  }

  private Path project(String fixture) throws IOException {
    Path project = dir.resolve("p");
    EngineRun.copyInto(Path.of("src/test/resources/e2e").resolve(fixture), project);
    return project;
  }

  private static EngineRun run(Path pipeline, EmbeddedServer server) {
    return EngineRun.of(
        "run", pipeline.toString(), "--server", server.baseUrl(), "--format", "json");
  }

  private static Path write(Path project, String name, String yaml) throws IOException {
    return Files.writeString(project.resolve(name), yaml);
  }

  private static JsonNode manifest(EngineRun run) throws IOException {
    return JSON.readTree(Path.of(JSON.readTree(run.out()).path("manifest").asText()).toFile());
  }

  private static JsonNode lock(Path project, String name) throws IOException {
    return JSON.readTree(project.resolve(name + ".lock.json").toFile());
  }

  private static JsonNode step(JsonNode manifest, String id) {
    for (JsonNode s : manifest.path("steps")) {
      if (s.path("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no step " + id + " in " + manifest);
  }

  private static String importPipeline(String serverPath) {
    return """
        version: 1
        name: imported
        seed: 4
        defaults:
          audio_format: wav
        steps:
          mine:
            type: import
            path: mine.wav
        %s
          longer:
            type: continue
            from: mine
            seconds: 4
          fixed:
            type: repaint
            from: mine
            start: 2
            end: 6
          covered:
            type: cover
            from: mine
            prompt: string quartet
            strength: 0.5
        """
        .formatted(serverPath == null ? "" : "    server_path: " + serverPath);
  }

  private static String cutPipeline(int retries) {
    return """
        version: 1
        name: cut
        seed: 6
        defaults:
          audio_format: wav
        steps:
          draft:
            type: generate
            prompt: city pop
            lyrics: "[inst]"
            duration: 10
            takes: 2
            retries: %d
          longer:
            type: continue
            from: draft#1
            seconds: 4
          other:
            type: generate
            prompt: bossa nova
            lyrics: "[inst]"
            duration: 10
        """
        .formatted(retries);
  }

  private static void writeTone(Path wav, int seconds) throws IOException {
    int frames = 48_000 * seconds;
    short[] pcm = new short[frames * 2];
    for (int i = 0; i < frames; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / 48_000.0));
      pcm[2 * i] = v;
      pcm[2 * i + 1] = v;
    }
    AudioFiles.write(Pcm.of(48_000, 2, pcm), AudioFormat.WAV, wav);
  }

  private static void awaitAccepted(EmbeddedServer server, int n) throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while (server.counters().acceptedTasks() < n) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("the engine submitted fewer than " + n + " jobs in 30 s");
      }
      Thread.sleep(20);
    }
  }
}
