package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repaint modes, cover noise and the nofsq variant, the window arithmetic, and the track-name
 * mapping.
 */
class EditControlsTest {
  private static final int RATE = 48_000;
  private final ProceduralSynthesizer synth = new ProceduralSynthesizer();
  @TempDir Path dir;
  private Path source;

  @BeforeEach
  void renderSource() throws IOException {
    source = dir.resolve("source.wav");
    synth.render(
        SynthRequests.of("text2music", "drums, bass, piano")
            .durationSeconds(8)
            .bpm(120)
            .keyScale("C major")
            .timeSignature("4")
            .build(),
        1,
        source);
  }

  private Pcm repaint(String mode, double strength, double start, Double end) throws IOException {
    Path out = dir.resolve("repaint-" + mode + "-" + strength + "-" + start + "-" + end + ".wav");
    synth.render(
        SynthRequests.of("repaint", "rock, guitar")
            .bpm(120)
            .keyScale("C major")
            .timeSignature("4")
            .sourceAudio(source)
            .repaintStart(start)
            .repaintEnd(end)
            .edits(new SynthRequest.Edits(List.of(), mode, strength, 0, 0))
            .build(),
        9,
        out);
    return AudioFiles.read(out);
  }

  private Pcm cover(String task, double noise) throws IOException {
    Path out = dir.resolve(task + "-" + noise + ".wav");
    synth.render(
        SynthRequests.of(task, "jazz, guitar")
            .sourceAudio(source)
            .coverStrength(0.8)
            .edits(new SynthRequest.Edits(List.of(), "balanced", 0.5, noise, 0))
            .build(),
        4,
        out);
    return AudioFiles.read(out);
  }

  /** Mean absolute difference between two takes over frames {@code [from, to)}. */
  private static double difference(Pcm a, Pcm b, int from, int to) {
    double sum = 0;
    for (int f = from; f < to; f++) {
      sum += Math.abs(a.sample(f, 0) - b.sample(f, 0));
    }
    return sum / (to - from);
  }

  @Test
  void theModeSetsTheSeamLengthAndHowMuchSourceStaysInTheWindow() throws IOException {
    Pcm src = AudioFiles.read(source);
    Pcm conservative = repaint("conservative", 0.5, 2, 6.0);
    Pcm aggressive = repaint("aggressive", 0.5, 2, 6.0);
    Pcm balanced = repaint("balanced", 0.5, 2, 6.0);

    // right after the window opens, a conservative repaint is still mostly source; an aggressive
    // one is not
    int seam = 2 * RATE + 2400;
    assertThat(difference(conservative, src, seam, seam + 2400))
        .isLessThan(difference(aggressive, src, seam, seam + 2400));
    // in the middle of the window, conservative keeps some source audible, aggressive none
    int middle = 4 * RATE;
    assertThat(difference(conservative, src, middle, middle + RATE))
        .isLessThan(difference(aggressive, src, middle, middle + RATE));
    assertThat(difference(balanced, conservative, middle, middle + RATE)).isPositive();
    // outside the window nothing changes whatever the mode
    assertThat(difference(aggressive, src, 0, 2 * RATE)).isZero();
    assertThat(difference(conservative, src, 6 * RATE, 8 * RATE)).isZero();
    assertThat(ProceduralSynthesizer.crossfadeFrames("conservative", 0.9)).isEqualTo(RATE);
    assertThat(ProceduralSynthesizer.crossfadeFrames("aggressive", 0.1)).isZero();
    assertThat(ProceduralSynthesizer.crossfadeFrames("balanced", 0.75)).isEqualTo(RATE / 4);
  }

  @Test
  void aNegativeStartPrependsAndAMissingEndMeansTheSourcesEnd() throws IOException {
    Pcm src = AudioFiles.read(source);

    Pcm prepended = repaint("balanced", 0.5, -2, null);
    Pcm toTheEnd = repaint("balanced", 0.5, 5, -1.0);
    Pcm extended = repaint("balanced", 0.5, 7, 11.0);

    assertThat(prepended.frames()).isEqualTo(src.frames() + 2 * RATE);
    assertThat(toTheEnd.frames()).isEqualTo(src.frames());
    assertThat(difference(toTheEnd, src, 0, 5 * RATE)).isZero();
    assertThat(extended.frames()).isEqualTo(11 * RATE);
  }

  @Test
  void coverNoiseStrengthAndTheNofsqVariantKeepACoverCloserToTheSource() throws IOException {
    Pcm src = AudioFiles.read(source);

    Pcm plain = cover("cover", 0);
    Pcm close = cover("cover", 1);
    Pcm nofsq = cover("cover-nofsq", 0);

    int frames = src.frames();
    assertThat(plain.frames()).isEqualTo(frames);
    assertThat(difference(close, src, 0, frames)).isLessThan(difference(plain, src, 0, frames));
    assertThat(difference(nofsq, src, 0, frames)).isLessThan(difference(plain, src, 0, frames));
    assertThat(ProceduralSynthesizer.coverWeight(0.8, 0, false)).isEqualTo(0.8);
  }

  @Test
  void everyUpstreamTrackNameHasAVoice() {
    assertThat(Stems.trackNames()).hasSize(12);
    assertThat(Stems.voiceOf("vocals")).isEqualTo("lead");
    assertThat(Stems.voiceOf("drums")).isEqualTo("drums");
    assertThat(Stems.voiceOf("percussion")).isEqualTo("drums");
    assertThat(Stems.voiceOf("keyboard")).isEqualTo("piano");
    assertThat(Stems.voiceOf("brass")).isEqualTo("strings");
    assertThat(Stems.voiceOf("backing_vocals")).isEqualTo("pad");
    assertThat(Stems.voiceOf("Backing Vocals")).isEqualTo("pad");
    assertThat(Stems.voiceOf("kazoo"))
        .as("unknown names fall back like upstream's generic instruction")
        .isEqualTo("lead");
    for (String track : Stems.trackNames()) {
      assertThat(Stems.voiceOf(track)).isNotBlank();
    }
  }
}
