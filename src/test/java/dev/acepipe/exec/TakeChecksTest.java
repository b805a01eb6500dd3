package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.dsl.model.Expect;
import org.junit.jupiter.api.Test;

class TakeChecksTest {
  private static final Expect ALL = new Expect(-16.0, -8.0, -1.0, 2.0, null, 0.5, 4.0, false);

  private static AudioAnalysis measured(
      double lufs, double tp, long clips, double silence, double seconds, double bpm) {
    return new AudioAnalysis(seconds, lufs, 3, tp - 0.2, tp, clips, clips * 5, silence, -60, bpm);
  }

  @Test
  void aTakeWithinEveryBoundPasses() {
    TakeCheck c = TakeChecks.evaluate(ALL, measured(-12, -1.5, 0, 0.3, 30.2, 121), 30.0, 120);

    assertThat(c.passed()).isTrue();
    assertThat(c.describe()).isEqualTo("passed");
  }

  @Test
  void eachBrokenBoundIsNamedWithTheMeasuredValue() {
    TakeCheck c = TakeChecks.evaluate(ALL, measured(-20.4, 0.3, 2, 7.25, 24.0, 97.5), 30.0, 120);

    assertThat(c.failures())
        .containsExactly(
            "loudness -20.4 LUFS outside [-16, -8]",
            "true peak 0.3 dBTP above -1",
            "clipped: 2 run(s) of full-scale samples (10 samples)",
            "silence 7.3 s (below -60 dBFS) longer than 2 s",
            "duration 24.00 s, asked 30 ± 0.5 s",
            "tempo 97.5 bpm, asked 120 ± 4");
  }

  @Test
  void silenceReadsAsMinusInfinityAndHalfOrDoubleTimeCountsAsTheAskedTempo() {
    TakeCheck silent =
        TakeChecks.evaluate(
            ALL, measured(Double.NEGATIVE_INFINITY, -1.5, 0, 0, 30, 60.5), 30.0, 120);

    assertThat(silent.failures()).containsExactly("loudness -inf LUFS (silent) outside [-16, -8]");
  }

  @Test
  void durationAndTempoAreOnlyCheckedWhenTheRequestAskedForThem() {
    TakeCheck c = TakeChecks.evaluate(ALL, measured(-12, -1.5, 0, 0, 99, Double.NaN), null, null);

    assertThat(c.passed()).isTrue();
  }

  @Test
  void aPulselessTakeFailsTheTempoCheckSayingSo() {
    TakeCheck c = TakeChecks.evaluate(ALL, measured(-12, -1.5, 0, 0, 30, Double.NaN), 30.0, 120);

    assertThat(c.failures()).containsExactly("no steady tempo found, asked 120 ± 4 bpm");
  }
}
