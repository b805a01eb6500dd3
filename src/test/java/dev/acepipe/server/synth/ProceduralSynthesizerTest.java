package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.AudioInfo;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProceduralSynthesizerTest {
  private static final String SONG =
      "[Verse]\nwalking down the road\nlights are low\n\n[Chorus]\nSING IT LOUD\nsing it now\n";
  private final ProceduralSynthesizer synth = new ProceduralSynthesizer();
  @TempDir Path dir;

  private static SynthRequest text(
      double seconds, Integer bpm, String key, String ts, String format) {
    return SynthRequests.of("text2music", "pop, drums, bass, piano")
        .lyrics(SONG)
        .durationSeconds(seconds)
        .bpm(bpm)
        .keyScale(key)
        .timeSignature(ts)
        .audioFormat(format)
        .build();
  }

  private static SynthRequest repaint(Path source, double start, Double end, String format) {
    return SynthRequests.of("repaint", "rock, guitar, drums")
        .lyrics(SONG)
        .sourceAudio(source)
        .repaintStart(start)
        .repaintEnd(end)
        .audioFormat(format)
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wav", "flac", "mp3"})
  void rendersTheRequestedDurationToTheFrame(String format) throws IOException {
    Path out = dir.resolve("t." + format);

    RenderedTake take = synth.render(text(7.31, 120, "C major", "4", format), 1, out);

    assertThat(take.file()).isEqualTo(out);
    assertThat(take.durationSeconds()).isEqualTo(350_880 / 48_000.0);
    Pcm pcm = AudioFiles.read(out);
    assertThat(pcm.sampleRate()).isEqualTo(48_000);
    assertThat(pcm.channels()).isEqualTo(2);
    if (format.equals("mp3")) { // the codec pads to whole frames
      assertThat(pcm.durationSeconds()).isCloseTo(7.31, within(0.1));
    } else {
      assertThat(pcm.frames()).isEqualTo(350_880);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wav", "flac", "mp3"})
  void sameRequestAndSeedGiveByteIdenticalFiles(String format) throws IOException {
    Path a = dir.resolve("a." + format);
    Path b = dir.resolve("b." + format);

    synth.render(text(6, 100, "E minor", "4", format), 77, a);
    synth.render(text(6, 100, "E minor", "4", format), 77, b);

    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
  }

  @Test
  void differentSeedsGiveDifferentAudio() throws IOException {
    Path a = dir.resolve("a.wav");
    Path b = dir.resolve("b.wav");

    synth.render(text(6, 100, "E minor", "4", "wav"), 1, a);
    synth.render(text(6, 100, "E minor", "4", "wav"), 2, b);

    assertThat(AudioFiles.sha256(a)).isNotEqualTo(AudioFiles.sha256(b));
  }

  @Test
  void isMusicNotSilenceOrClipping() throws IOException {
    Path out = dir.resolve("m.wav");

    synth.render(text(8, 110, "G major", "4", "wav"), 3, out);

    Pcm pcm = AudioFiles.read(out);
    double sum = 0;
    int peak = 0;
    for (int i = 0; i < pcm.frames(); i++) {
      int v = pcm.sample(i, 0);
      sum += (double) v * v;
      peak = Math.max(peak, Math.abs(v));
    }
    double rms = Math.sqrt(sum / pcm.frames());
    assertThat(rms).isBetween(1500.0, 12000.0);
    assertThat(peak).isLessThan(32767);
  }

  @ParameterizedTest
  @CsvSource({"97, 4", "133, 4", "120, 3", "88, 6"})
  void beatsAreAudibleAtTheRequestedTempo(int bpm, String timeSignature) throws IOException {
    Path out = dir.resolve("tempo.wav");

    synth.render(text(30, bpm, "A minor", timeSignature, "wav"), 11, out);

    double estimated = OnsetTempo.bpm(AudioFiles.read(out));
    assertThat(estimated).isCloseTo(bpm, within(bpm * 0.02));
  }

  @ParameterizedTest
  @CsvSource({"D major, 2 4 6 7 9 11 1", "F# minor, 6 8 9 11 1 2 4", "Bb major, 10 0 2 3 5 7 9"})
  void energySitsOnThePitchClassesOfTheKey(String key, String pitchClasses) throws IOException {
    Path out = dir.resolve("key.wav");
    SynthRequest request =
        SynthRequests.of("text2music", "piano, strings, pads, lead")
            .lyrics(SONG)
            .durationSeconds(20)
            .bpm(100)
            .keyScale(key)
            .timeSignature("4")
            .build();

    synth.render(request, 5, out);

    int[] scale =
        java.util.Arrays.stream(pitchClasses.split(" ")).mapToInt(Integer::parseInt).toArray();
    double share = PitchClassEnergy.shareOn(PitchClassEnergy.of(AudioFiles.read(out)), scale);
    assertThat(share).isGreaterThan(0.85);
  }

  @Test
  void choosesAndReportsWhatTheRequestLeavesOpen() throws IOException {
    String lyrics = "[Intro]\n\n[Verse]\na\nb\nc\nd\n\n[Chorus]\ne\nf\ng\nh\n\n[Outro]\n";
    SynthRequest request =
        SynthRequests.of("text2music", "energetic techno").lyrics(lyrics).build();
    Path out = dir.resolve("open.wav");

    RenderedTake take = synth.render(request, 9, out);

    assertThat(take.durationSeconds()).isEqualTo(8 + 16 + 16 + 8);
    assertThat(AudioFiles.probe(out).frames()).isEqualTo(48L * 48_000);
    assertThat(take.bpm()).isBetween(125, 138);
    assertThat(take.keyScale()).matches("[A-G][#b]? (major|minor)");
    assertThat(take.timeSignature()).isEqualTo("4");
    assertThat(take.genres()).isEqualTo("techno");
  }

  @Test
  void reportsTheRequestedParameters() throws IOException {
    RenderedTake take =
        synth.render(text(5, 143, "c# Minor", "3", "flac"), 1, dir.resolve("p.flac"));

    assertThat(take.bpm()).isEqualTo(143);
    assertThat(take.keyScale()).isEqualTo("C# minor");
    assertThat(take.timeSignature()).isEqualTo("3");
    assertThat(take.genres()).isEqualTo("pop");
  }

  @ParameterizedTest
  @ValueSource(strings = {"wav", "flac"})
  void repaintKeepsEverythingOutsideTheWindowBitIdentical(String format) throws IOException {
    Path source = dir.resolve("src." + format);
    synth.render(text(12, 120, "C major", "4", format), 1, source);
    Path out = dir.resolve("repaint." + format);

    RenderedTake take = synth.render(repaint(source, 4, 7.5, format), 2, out);

    Pcm before = AudioFiles.read(source);
    Pcm after = AudioFiles.read(out);
    assertThat(after.frames()).isEqualTo(before.frames());
    assertThat(take.durationSeconds()).isEqualTo(12.0);
    assertThat(after.slice(0, 4 * 48_000).sameAudio(before.slice(0, 4 * 48_000))).isTrue();
    assertThat(after.slice(360_000, 576_000).sameAudio(before.slice(360_000, 576_000))).isTrue();
    assertThat(after.slice(4 * 48_000, 360_000).sameAudio(before.slice(4 * 48_000, 360_000)))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wav", "flac"})
  void continuingPastTheEndKeepsTheSourceAsAnExactPrefix(String format) throws IOException {
    Path source = dir.resolve("src." + format);
    synth.render(text(10, 96, "D minor", "4", format), 1, source);
    Path out = dir.resolve("longer." + format);

    RenderedTake take = synth.render(repaint(source, 10, 16.0, format), 4, out);

    Pcm before = AudioFiles.read(source);
    Pcm after = AudioFiles.read(out);
    assertThat(after.frames()).isEqualTo(16 * 48_000);
    assertThat(take.durationSeconds()).isEqualTo(16.0);
    assertThat(after.slice(0, before.frames()).sameAudio(before)).isTrue();
    assertThat(take.bpm()).as("tempo follows the source").isCloseTo(96, within(2));
  }

  @Test
  void negativeStartPrependsNewAudioAndKeepsTheRestOfTheSource() throws IOException {
    Path source = dir.resolve("src.flac");
    synth.render(text(8, 120, "C major", "4", "flac"), 1, source);
    Path out = dir.resolve("prepended.flac");

    synth.render(repaint(source, -2, 3.0, "flac"), 4, out);

    Pcm before = AudioFiles.read(source);
    Pcm after = AudioFiles.read(out);
    assertThat(after.frames()).isEqualTo(10 * 48_000);
    assertThat(after.slice(5 * 48_000, 10 * 48_000).sameAudio(before.slice(3 * 48_000, 8 * 48_000)))
        .isTrue();
  }

  @Test
  void invertedWindowRegeneratesTheWholeTrack() throws IOException {
    Path source = dir.resolve("src.wav");
    synth.render(text(6, 120, "C major", "4", "wav"), 1, source);
    Path out = dir.resolve("all.wav");

    synth.render(repaint(source, 5, 2.0, "wav"), 4, out);

    Pcm before = AudioFiles.read(source);
    Pcm after = AudioFiles.read(out);
    assertThat(after.frames()).isEqualTo(before.frames());
    assertThat(after.slice(0, 48_000).sameAudio(before.slice(0, 48_000))).isFalse();
  }

  @Test
  void coverKeepsTheLengthAndBlendsTheSourceByOneMinusStrength() throws IOException {
    Path source = dir.resolve("src.wav");
    synth.render(text(9.5, 100, "C major", "4", "wav"), 1, source);

    Path none = dir.resolve("none.wav");
    synth.render(
        SynthRequests.of("cover", "jazz, piano")
            .lyrics(SONG)
            .sourceAudio(source)
            .coverStrength(0.0)
            .build(),
        3,
        none);
    Path full = dir.resolve("full.wav");
    RenderedTake take =
        synth.render(
            SynthRequests.of("cover", "jazz, piano").lyrics(SONG).sourceAudio(source).build(),
            3,
            full);

    Pcm original = AudioFiles.read(source);
    assertThat(AudioFiles.read(none).sameAudio(original)).isTrue();
    Pcm covered = AudioFiles.read(full);
    assertThat(covered.frames()).isEqualTo(original.frames());
    assertThat(covered.sameAudio(original)).isFalse();
    assertThat(take.bpm()).as("the source's tempo is kept").isCloseTo(100, within(2));
  }

  @Test
  void coverDecodesAnMp3Source() throws IOException {
    Path source = dir.resolve("src.mp3");
    synth.render(text(6, 120, "C major", "4", "mp3"), 1, source);
    Path out = dir.resolve("cover.flac");

    synth.render(
        SynthRequests.of("cover", "strings")
            .bpm(120)
            .sourceAudio(source)
            .coverStrength(0.7)
            .audioFormat("flac")
            .build(),
        2,
        out);

    AudioInfo info = AudioFiles.probe(out);
    assertThat(info.durationSeconds())
        .isCloseTo(AudioFiles.read(source).durationSeconds(), within(1e-9));
  }

  @Test
  void missingSourceRendersFreshAudioLikeTheRealServer() throws IOException {
    Path out = dir.resolve("fresh.wav");
    SynthRequest request =
        SynthRequests.of("repaint", "pop")
            .lyrics(SONG)
            .durationSeconds(5)
            .bpm(120)
            .sourceAudio(dir.resolve("gone.flac"))
            .repaintStart(1)
            .repaintEnd(2.0)
            .build();

    RenderedTake take = synth.render(request, 1, out);

    assertThat(take.durationSeconds()).isEqualTo(5.0);
    assertThat(AudioFiles.probe(out).frames()).isEqualTo(5 * 48_000);
  }

  @Test
  void unknownFormatFallsBackToFlac() throws IOException {
    Path out = dir.resolve("odd.out");

    synth.render(text(2, 120, "C major", "4", "ogg"), 1, out);

    assertThat(AudioFiles.detect(out)).isEqualTo(AudioFormat.FLAC);
  }
}
