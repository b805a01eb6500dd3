package dev.acepipe.server.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acepipe.audio.AudioFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TempoEstimatorTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"84, 4", "100, 4", "126, 4", "150, 4", "120, 3", "90, 2"})
  void findsTheTempoOfARenderedTrack(int bpm, String timeSignature) throws IOException {
    Path file = dir.resolve("t.wav");
    SynthRequests.of("text2music", "drums, bass, piano")
        .lyrics("[Verse]\na\nb\n[Chorus]\nc\nd")
        .durationSeconds(20)
        .bpm(bpm)
        .keyScale("C major")
        .timeSignature(timeSignature)
        .renderTo(file, 2);

    TempoEstimator.Beat beat = TempoEstimator.estimate(AudioFiles.read(file)).orElseThrow();

    assertThat(beat.bpm()).isCloseTo(bpm, within(bpm * 0.01));
  }

  @ParameterizedTest
  @CsvSource({"1", "2"})
  void hasNoOpinionOnAudioTooShortToShowABeat(int seconds) {
    assertThat(TempoEstimator.estimate(dev.acepipe.audio.Pcm.silence(48_000, 2, seconds * 48_000)))
        .isEmpty();
  }
}
