package dev.acepipe.album;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.dsl.model.SelectRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TakeSelectorTest {
  private static final double INF = Double.NEGATIVE_INFINITY;

  private final FakeMeter meter = new FakeMeter();
  private final TakeSelector selector = new TakeSelector(meter);

  private Take take(String id, double seconds, double lufs, double peak) {
    Path path = Path.of("takes", id + ".flac");
    meter.with(path, lufs, peak);
    return Take.of(id, path, seconds);
  }

  @Test
  void loudestPicksTheHighestIntegratedLoudnessAndSaysSo() throws Exception {
    List<Take> takes =
        List.of(
            take("hook[mood=calm]#0", 60, -18.0, -3),
            take("hook[mood=dark]#1", 60, -14.2, -1),
            take("hook[mood=dark]#0", 60, -16.5, -2));

    Selection s = selector.select(takes, new SelectRule.Loudest());

    assertThat(s.take().id()).isEqualTo("hook[mood=dark]#1");
    assertThat(s.position()).isEqualTo(1);
    assertThat(s.reason()).isEqualTo("loudest: hook[mood=dark]#1 at -14.2 LUFS");
  }

  @Test
  void loudestNeverPicksASilentTakeEvenIfItsPeakIsLoud() throws Exception {
    List<Take> takes = List.of(take("draft#0", 60, -61.0, -0.5), take("draft#1", 60, -30.0, -20));

    Selection s = selector.select(takes, new SelectRule.Loudest());

    assertThat(s.take().id()).isEqualTo("draft#1");
    assertThat(s.reason()).isEqualTo("loudest: draft#1 at -30.0 LUFS (skipped silent draft#0)");
  }

  @Test
  void longestSkipsSilentTakes() throws Exception {
    List<Take> takes =
        List.of(
            take("draft#0", 120, INF, INF),
            take("draft#1", 90, -14, -1),
            take("draft#2", 100, -40, -55));

    Selection s = selector.select(takes, new SelectRule.Longest());

    assertThat(s.take().id()).isEqualTo("draft#1");
    assertThat(s.reason())
        .isEqualTo("longest: draft#1 at 90.0 s (skipped silent draft#0, draft#2)");
  }

  @Test
  void closestDurationPicksTheNearestLengthEitherSide() throws Exception {
    List<Take> takes =
        List.of(
            take("draft#0", 27.0, -14, -1),
            take("draft#1", 31.5, -14, -1),
            take("draft#2", 33.0, -14, -1));

    Selection s = selector.select(takes, new SelectRule.ClosestDuration(30));

    assertThat(s.take().id()).isEqualTo("draft#1");
    assertThat(s.reason()).isEqualTo("closest_duration 30 s: draft#1 at 31.5 s");
  }

  @Test
  void tiesGoToTheEarlierTakeInDeclarationOrder() throws Exception {
    List<Take> takes =
        List.of(take("a#0", 28, -15, -1), take("a#1", 32, -14, -1), take("a#2", 32, -14, -1));

    assertThat(selector.select(takes, new SelectRule.ClosestDuration(30)).take().id())
        .isEqualTo("a#0");
    assertThat(selector.select(takes, new SelectRule.Loudest()).take().id()).isEqualTo("a#1");
    assertThat(selector.select(takes, new SelectRule.Longest()).take().id()).isEqualTo("a#1");
    assertThat(
            selector
                .select(List.of(takes.get(2), takes.get(1)), new SelectRule.Loudest())
                .take()
                .id())
        .isEqualTo("a#2");
  }

  @Test
  void failsClearlyWhenEveryTakeIsSilent() {
    List<Take> takes = List.of(take("draft#0", 60, INF, INF), take("draft#1", 60, -65.3, -40));

    assertThatThrownBy(() -> selector.select(takes, new SelectRule.Loudest()))
        .isInstanceOf(SelectionException.class)
        .hasMessage(
            "loudest: every take is silent or near-silent (draft#0 -inf LUFS, draft#1 -65.3 LUFS);"
                + " silent takes are never chosen automatically");
  }

  @Test
  void indexPicksThatTakeAndMeasuresOnlyIt() throws Exception {
    List<Take> takes = List.of(take("draft#0", 60, -14, -1), take("draft#1", 61, -15, -1));

    Selection s = selector.select(takes, new SelectRule.Index(1));

    assertThat(s.take().id()).isEqualTo("draft#1");
    assertThat(s.reason()).isEqualTo("index 1: draft#1 at -15.0 LUFS");
    assertThat(meter.asked).containsExactly(Path.of("takes", "draft#1.flac"));
  }

  @Test
  void indexRefusesASilentTake() {
    List<Take> takes = List.of(take("draft#0", 60, INF, INF), take("draft#1", 61, -15, -1));

    assertThatThrownBy(() -> selector.select(takes, new SelectRule.Index(0)))
        .isInstanceOf(SelectionException.class)
        .hasMessageStartingWith(
            "index 0: draft#0 is silent or near-silent (-inf LUFS, peak -inf dBFS)");
  }

  @Test
  void indexOutOfRangeNamesTheTakes() {
    List<Take> takes = List.of(take("draft#0", 60, -14, -1), take("draft#1", 61, -15, -1));

    assertThatThrownBy(() -> selector.select(takes, new SelectRule.Index(2)))
        .isInstanceOf(SelectionException.class)
        .hasMessage("index 2: out of range, there are 2 takes (draft#0, draft#1)");
  }

  @Test
  void manualPicksTheNamedTakeEvenWhenSilentButWarns() throws Exception {
    List<Take> takes = List.of(take("draft#0", 60, -14, -1), take("draft#1", 61, INF, INF));

    Selection quiet = selector.select(takes, new SelectRule.Manual("draft#1"));
    Selection fine = selector.select(takes, new SelectRule.Manual("draft#0"));

    assertThat(quiet.take().id()).isEqualTo("draft#1");
    assertThat(quiet.reason())
        .isEqualTo("manual: draft#1 (warning: silent, -inf LUFS, peak -inf dBFS)");
    assertThat(fine.reason()).isEqualTo("manual: draft#0");
  }

  @Test
  void manualChoiceThatNamesNoTakeIsAnError() {
    List<Take> takes = List.of(take("draft#0", 60, -14, -1), take("draft#1", 61, -15, -1));

    assertThatThrownBy(() -> selector.select(takes, new SelectRule.Manual("draft#7")))
        .isInstanceOf(SelectionException.class)
        .hasMessage("manual: no take 'draft#7' among draft#0, draft#1");
  }

  @Test
  void precomputedLoudnessIsUsedWithoutMeasuring() throws Exception {
    Take known =
        Take.of("x#0", Path.of("nowhere.flac"), 10).withLoudness(new LoudnessMeasurement(-12, -1));
    Take other =
        Take.of("x#1", Path.of("nowhere-either.flac"), 10)
            .withLoudness(new LoudnessMeasurement(-20, -1));

    Selection s = selector.select(List.of(known, other), new SelectRule.Loudest());

    assertThat(s.take()).isEqualTo(known);
    assertThat(meter.asked).isEmpty();
    assertThat(s.candidates()).extracting(Take::loudness).doesNotContainNull();
  }

  @Test
  void rejectsDuplicateIdsAndBadRules() {
    Take a = take("a#0", 1, -14, -1);

    assertThatThrownBy(() -> selector.select(List.of(a, a), new SelectRule.Loudest()))
        .hasMessageContaining("'a#0' appears twice");
    assertThatThrownBy(() -> new SelectRule.Index(-1))
        .hasMessageContaining("index must be 0 or more");
    assertThatThrownBy(() -> new SelectRule.ClosestDuration(0)).hasMessageContaining("positive");
  }

  @Test
  void measuresRealFilesAndSkipsASilentOne(@TempDir Path dir)
      throws IOException, SelectionException {
    Path silent = dir.resolve("silent.wav");
    Path hum = dir.resolve("hum.flac");
    Path song = dir.resolve("song.flac");
    AudioFiles.write(Pcm.silence(48_000, 2, 48_000 * 3), AudioFormat.WAV, silent);
    AudioFiles.write(TestSignals.sine(48_000, 120, -56, 3, true, true), AudioFormat.FLAC, hum);
    AudioFiles.write(TestSignals.music(3, -20, 1), AudioFormat.FLAC, song);
    List<Take> takes =
        List.of(Take.probe("t#0", silent), Take.probe("t#1", hum), Take.probe("t#2", song));

    Selection s = new TakeSelector().select(takes, new SelectRule.Longest());

    assertThat(takes).extracting(Take::durationSeconds).containsExactly(3.0, 3.0, 3.0);
    assertThat(s.take().id()).isEqualTo("t#2");
    assertThat(s.reason()).endsWith("(skipped silent t#0, t#1)");
  }
}
