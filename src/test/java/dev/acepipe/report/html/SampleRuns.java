package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Run reports for tests: a five-step pipeline with every step state, and audio files written on
 * demand.
 */
public final class SampleRuns {
  public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleRuns() {}

  /**
   * {@code words → draft → longer → fixed → unplugged} plus {@code extra} reading {@code draft}:
   * words passed, draft cached with two takes, longer passed, fixed failed, unplugged skipped,
   * extra passed. Exit code 1.
   */
  public static RunReport nightDrive() {
    return new RunReport(
        "night-drive",
        "pipelines/night-drive.yaml",
        "20261125-100000-ab12",
        T0,
        T0.plusMillis(42_500),
        1,
        "",
        List.of(
            step(
                "words",
                "format",
                StepRun.State.PASSED,
                "",
                1,
                0,
                1_200,
                request("{\"prompt\":\"synthwave\"," + "\"api_key\":\"sk-live-123\"}"),
                List.of(),
                List.of()),
            step(
                "draft",
                "generate",
                StepRun.State.CACHED,
                "",
                0,
                1_200,
                1_210,
                request(
                    "{\"prompt\":\"synthwave\",\"duration\":2,\"seed\":11,\"batch_size\":2,"
                        + "\"headers\":{\"Authorization\":\"Bearer abc.def\"},\"max_tokens\":512}"),
                List.of("words"),
                List.of(
                    new TakeRun(
                        0,
                        "takes/draft/take-0.wav",
                        "aa11",
                        2.0,
                        11L,
                        11L,
                        "acestep-v15-turbo",
                        null),
                    new TakeRun(
                        1,
                        "takes/draft/take-1.flac",
                        "bb22",
                        2.0,
                        12L,
                        12L,
                        "acestep-v15-turbo",
                        null))),
            step(
                "longer",
                "continue",
                StepRun.State.PASSED,
                "",
                2,
                1_210,
                20_000,
                request("{\"task_type\":\"repaint\",\"seed\":21}"),
                List.of("draft"),
                List.of(
                    new TakeRun(
                        0,
                        "takes/longer/take 0.wav",
                        "cc33",
                        3.0,
                        21L,
                        21L,
                        "acestep-v15-turbo",
                        null))),
            step(
                "fixed",
                "repaint",
                StepRun.State.FAILED,
                "job failed after 3 attempts: server said <CUDA out of memory> & gave up",
                3,
                20_000,
                40_000,
                request("{\"task_type\":\"repaint\",\"ai_token\":\"t0k3n\"}"),
                List.of("longer"),
                List.of()),
            step(
                "unplugged",
                "cover",
                StepRun.State.SKIPPED,
                "skipped because 'fixed' failed",
                0,
                -1,
                -1,
                null,
                List.of("fixed"),
                List.of()),
            step(
                "extra",
                "cover",
                StepRun.State.PASSED,
                "",
                1,
                1_210,
                9_000,
                request("{\"seed\":31}"),
                List.of("draft"),
                List.of())),
        "",
        List.of(),
        null);
  }

  /**
   * A passing album run as a user sees it: a batch of two takes with the server's seed list, a
   * select step with its reason, a step where the server used another bpm and key than asked, long
   * prompts and ids, two output files (one not written), and a normalized two-track album. Takes
   * link to the files {@link #writeAudio} writes.
   */
  public static RunReport albumRun() {
    String longPrompt =
        "dream pop, shimmering guitars, soft synth pads, airy female vocals, sparse intro, no drums, "
            + "tape saturation, wide stereo chorus, reverb-soaked snare";
    StepRun hook =
        new StepRun(
            "hook[mood=bright,tempo=slow,texture=glassy]",
            "generate",
            StepRun.State.PASSED,
            "",
            1,
            T0,
            T0.plusSeconds(12),
            request(
                "{\"task_type\":\"text2music\",\"prompt\":\""
                    + longPrompt
                    + "\",\"bpm\":96,\"key_scale\":\"D major\",\"audio_duration\":2.0,\"seed\":2103709287,"
                    + "\"batch_size\":2}"),
            List.of(2103709287L, 2103709288L),
            List.of("task-hook"),
            List.of(),
            List.of(
                new TakeRun(
                    0,
                    "takes/draft/take-0.wav",
                    "aa11",
                    2.0,
                    2103709287L,
                    2103709287L,
                    "acestep-v15-turbo",
                    null),
                new TakeRun(
                    1,
                    "takes/draft/take-1.flac",
                    "bb22",
                    2.0,
                    2103709287L,
                    2103709288L,
                    "acestep-v15-turbo",
                    null)),
            java.util.Map.of(
                "caption", longPrompt, "bpm", "104.0", "key", "E minor", "duration", "2.0"),
            List.of());
    StepRun single =
        new StepRun(
            "single",
            "select",
            StepRun.State.PASSED,
            "",
            0,
            T0.plusSeconds(12),
            T0.plusSeconds(13),
            null,
            List.of(2103709288L),
            List.of(),
            List.of(hook.id()),
            List.of(
                new TakeRun(
                    0, "takes/longer/take 0.wav", "cc33", 3.0, 2103709287L, 2103709288L, "", null)),
            java.util.Map.of(
                "selected",
                hook.id() + "#1",
                "reason",
                "loudest: " + hook.id() + "#1 at -22.6 LUFS"),
            List.of());
    AlbumRun album =
        new AlbumRun(
            "Silver River",
            "acepipe examples",
            "out/album",
            "../../../out/album/album.m3u8",
            List.of(
                new AlbumRun.Track(
                    1,
                    "Hold the Light",
                    "out/album/01 - Hold the Light.flac",
                    "../../../out/album/01 - Hold the Light.flac",
                    2.0,
                    hook.id() + "#0",
                    true,
                    -22.6,
                    -14.0,
                    -9.1,
                    -1.2),
                new AlbumRun.Track(
                    2,
                    "Single",
                    "out/album/02 - Single.flac",
                    "../../../out/album/02 - Single.flac",
                    3.0,
                    "single",
                    true,
                    -20.1,
                    -14.0,
                    -6.3,
                    -1.0)));
    return new RunReport(
        "album",
        "dsl-examples/album.yaml",
        "20261201-212412-a1f5",
        T0,
        T0.plusSeconds(14),
        0,
        "",
        List.of(hook, single),
        "embedded synthesizer (procedural, not AI)",
        List.of(
            new OutputFileRun(
                "single",
                "out/a-rather-long-directory-name/single-final-master-version.mp3",
                "../../../out/a-rather-long-directory-name/single-final-master-version.mp3",
                true,
                ""),
            new OutputFileRun(
                "hook[mood=bright,tempo=slow,texture=glassy]#1",
                "out/hook.wav",
                "",
                false,
                "step produced 1 take(s)")),
        album);
  }

  /**
   * Writes the audio files {@link #nightDrive()} links to under {@code runDir}: short tones, WAV
   * and FLAC.
   */
  public static void writeAudio(Path runDir) {
    try {
      AudioFiles.write(tone(220, 2.0), AudioFormat.WAV, runDir.resolve("takes/draft/take-0.wav"));
      AudioFiles.write(tone(330, 2.0), AudioFormat.FLAC, runDir.resolve("takes/draft/take-1.flac"));
      AudioFiles.write(tone(440, 3.0), AudioFormat.WAV, runDir.resolve("takes/longer/take 0.wav"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A stereo tone at 48 kHz whose loudness swells and fades, so its waveform has a visible shape.
   */
  public static Pcm tone(double hz, double seconds) {
    int rate = 48_000;
    int frames = (int) (rate * seconds);
    short[] s = new short[frames * 2];
    for (int i = 0; i < frames; i++) {
      double env = Math.sin(Math.PI * i / frames);
      short v = (short) (env * 20_000 * Math.sin(2 * Math.PI * hz * i / rate));
      s[2 * i] = v;
      s[2 * i + 1] = v;
    }
    return Pcm.adopt(rate, 2, s);
  }

  public static StepRun step(
      String id,
      String kind,
      StepRun.State state,
      String cause,
      int attempts,
      long startMs,
      long endMs,
      JsonNode request,
      List<String> deps,
      List<TakeRun> takes) {
    List<Long> seeds =
        takes.stream().map(TakeRun::seedSent).filter(java.util.Objects::nonNull).toList();
    return new StepRun(
        id,
        kind,
        state,
        cause,
        attempts,
        startMs < 0 ? null : T0.plusMillis(startMs),
        endMs < 0 ? null : T0.plusMillis(endMs),
        request,
        seeds,
        attempts == 0 ? List.of() : List.of("task-" + id),
        deps,
        takes,
        java.util.Map.of(),
        List.of());
  }

  /** A run of {@code steps} that passed. */
  public static RunReport run(List<StepRun> steps) {
    return new RunReport(
        "p", "p.yaml", "run-1", T0, T0.plusSeconds(5), 0, "", steps, "", List.of(), null);
  }

  public static JsonNode request(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
