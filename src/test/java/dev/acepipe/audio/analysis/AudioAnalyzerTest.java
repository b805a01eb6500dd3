package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.acepipe.audio.Pcm;
import org.junit.jupiter.api.Test;

/**
 * The synthetic cases of EBU Tech 3341 (loudness, true peak) and Tech 3342 (loudness range) to the
 * tolerances those documents set (±0.1 LU; true peak +0.2/-0.4 dB; LRA ±1 LU), plus clipping,
 * silence and tempo.
 */
class AudioAnalyzerTest {
  private static final int RATE = 48_000;
  private final AudioAnalyzer analyzer = new AudioAnalyzer();

  /** Stereo 1 kHz sine segments: level (dBFS), seconds, level, seconds, ... */
  static Pcm sines(double... levelsAndSeconds) {
    int total = 0;
    for (int i = 1; i < levelsAndSeconds.length; i += 2) {
      total += (int) Math.round(levelsAndSeconds[i] * RATE);
    }
    short[] s = new short[total * 2];
    int f = 0;
    for (int i = 0; i < levelsAndSeconds.length; i += 2) {
      double amplitude = Math.pow(10, levelsAndSeconds[i] / 20) * 32767;
      int n = (int) Math.round(levelsAndSeconds[i + 1] * RATE);
      for (int k = 0; k < n; k++, f++) {
        short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * f / RATE));
        s[2 * f] = v;
        s[2 * f + 1] = v;
      }
    }
    return Pcm.adopt(RATE, 2, s);
  }

  /**
   * A stereo sine at {@code fs / divisor} whose true peak is {@code peakDbfs}, starting at {@code
   * phaseDegrees}. It fades in over its first 10 ms: an abrupt start after silence rings above the
   * sine's own peak in any band-limited reconstruction, and the cases measure the steady sine.
   */
  static Pcm truePeakSine(int divisor, double phaseDegrees, double peakDbfs, double seconds) {
    int n = (int) (seconds * RATE);
    double amplitude = Math.pow(10, peakDbfs / 20) * 32768;
    short[] s = new short[n * 2];
    for (int i = 0; i < n; i++) {
      double fade = Math.min(1, i / (0.01 * RATE));
      double v =
          fade * amplitude * Math.sin(2 * Math.PI * i / divisor + Math.toRadians(phaseDegrees));
      short q = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
      s[2 * i] = q;
      s[2 * i + 1] = q;
    }
    return Pcm.adopt(RATE, 2, s);
  }

  @Test
  void tech3341Case1StereoSineAtMinus23DbfsReadsMinus23Lufs() {
    assertThat(analyzer.analyze(sines(-23, 20)).integratedLufs()).isCloseTo(-23.0, within(0.1));
  }

  @Test
  void tech3341Case2StereoSineAtMinus33DbfsReadsMinus33Lufs() {
    assertThat(analyzer.analyze(sines(-33, 20)).integratedLufs()).isCloseTo(-33.0, within(0.1));
  }

  @Test
  void aSineAtMinus20DbfsReadsMinus20Lufs() {
    assertThat(analyzer.analyze(sines(-20, 20)).integratedLufs()).isCloseTo(-20.0, within(0.1));
  }

  @Test
  void tech3341Case3TheRelativeGateLeavesTheQuieterThirdsOut() {
    assertThat(analyzer.analyze(sines(-36, 10, -23, 60, -36, 10)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
  }

  @Test
  void tech3341Case4TheAbsoluteGateLeavesNearSilenceOut() {
    assertThat(
            analyzer.analyze(sines(-72, 10, -36, 10, -23, 60, -36, 10, -72, 10)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
  }

  @Test
  void tech3341Case5TheGatingCaseMinus26Minus20Minus26ReadsMinus23Lufs() {
    assertThat(analyzer.analyze(sines(-26, 20, -20, 20.1, -26, 20)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
  }

  @Test
  void tech3342Cases1To4LoudnessRangeWithinOneLu() {
    assertThat(analyzer.analyze(sines(-20, 20, -30, 20)).loudnessRangeLu())
        .isCloseTo(10, within(1.0));
    assertThat(analyzer.analyze(sines(-20, 20, -15, 20)).loudnessRangeLu())
        .isCloseTo(5, within(1.0));
    assertThat(analyzer.analyze(sines(-40, 20, -20, 20)).loudnessRangeLu())
        .isCloseTo(20, within(1.0));
    assertThat(
            analyzer.analyze(sines(-50, 20, -35, 20, -20, 20, -35, 20, -50, 20)).loudnessRangeLu())
        .isCloseTo(15, within(1.0));
  }

  @Test
  void tech3341Case15QuarterRateSineInPhaseReadsMinus6Dbtp() {
    assertTruePeak(truePeakSine(4, 0, -6, 5), -6.0);
  }

  @Test
  void tech3341Case16QuarterRateSineAt45DegreesReadsMinus6DbtpThoughItsSamplesPeakAtMinus9() {
    AudioAnalysis a = analyzer.analyze(truePeakSine(4, 45, -6, 5));
    assertThat(a.samplePeakDbfs()).isCloseTo(-9.0, within(0.1));
    assertTruePeak(truePeakSine(4, 45, -6, 5), -6.0);
  }

  @Test
  void tech3341Case17SixthRateSineAt60DegreesReadsMinus6Dbtp() {
    assertTruePeak(truePeakSine(6, 60, -6, 5), -6.0);
  }

  @Test
  void tech3341Case18EighthRateSineAt67Point5DegreesReadsMinus6Dbtp() {
    assertTruePeak(truePeakSine(8, 67.5, -6, 5), -6.0);
  }

  @Test
  void tech3341Case19QuarterRateSineAt45DegreesWithFullScaleSamplesReadsPlus3Dbtp() {
    assertTruePeak(truePeakSine(4, 45, 3.01, 5), 3.0);
  }

  private void assertTruePeak(Pcm pcm, double expected) {
    double tp = analyzer.analyze(pcm).truePeakDbtp();
    assertThat(tp).isBetween(expected - 0.4, expected + 0.2);
  }

  @Test
  void runsOfFullScaleSamplesCountAsClippingAndSingleOnesDoNot() {
    short[] s = new short[RATE * 2];
    s[100] = Short.MAX_VALUE; // one full-scale sample: a peak, not clipping
    for (int i = 0; i < 5; i++) {
      s[2000 + 2 * i] = Short.MIN_VALUE; // five in a row in the left channel: one clipped run
    }
    AudioAnalysis a = analyzer.analyze(Pcm.adopt(RATE, 2, s));

    assertThat(a.clippedRuns()).isEqualTo(1);
    assertThat(a.clippedSamples()).isEqualTo(5);
    assertThat(analyzer.analyze(sines(-1, 2)).clipped()).isFalse();
  }

  @Test
  void theLongestSilenceIsTheLongestStretchBelowTheThreshold() {
    AudioAnalysis a = analyzer.analyze(sines(-20, 2, -90, 3, -20, 1, -90, 1.5));

    assertThat(a.longestSilenceSeconds()).isCloseTo(3.0, within(0.02));
    assertThat(a.durationSeconds()).isCloseTo(7.5, within(1e-9));
    assertThat(analyzer.analyze(sines(-20, 5)).longestSilenceSeconds()).isZero();
  }

  @Test
  void theTempoOfAClickTrackIsFoundWithinHalfABpm() {
    for (double bpm : new double[] {72, 100, 128, 150}) {
      assertThat(analyzer.analyze(clicks(bpm, 30)).tempoBpm())
          .as("%s bpm", bpm)
          .isCloseTo(bpm, within(0.5));
    }
  }

  @Test
  void steadyToneHasNoTempo() {
    assertThat(analyzer.analyze(sines(-20, 30)).tempo()).isEmpty();
  }

  @Test
  void digitalSilenceHasNoLoudnessNoPeakAndIsAllSilence() {
    AudioAnalysis a = analyzer.analyze(Pcm.silence(RATE, 2, RATE * 3));

    assertThat(a.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(a.samplePeakDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(a.longestSilenceSeconds()).isCloseTo(3.0, within(1e-9));
  }

  /** Short decaying noise bursts on every beat, quiet noise between. */
  static Pcm clicks(double bpm, double seconds) {
    int n = (int) (seconds * RATE);
    short[] s = new short[n * 2];
    java.util.Random random = new java.util.Random(7);
    double period = RATE * 60 / bpm;
    for (int i = 0; i < n; i++) {
      double sinceBeat = i % period;
      double env = Math.exp(-sinceBeat / (0.02 * RATE));
      double v = (0.6 * env + 0.01) * (random.nextDouble() * 2 - 1) * 32767;
      s[2 * i] = (short) v;
      s[2 * i + 1] = (short) v;
    }
    return Pcm.adopt(RATE, 2, s);
  }
}
