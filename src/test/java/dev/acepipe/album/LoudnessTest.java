package dev.acepipe.album;

import static dev.acepipe.album.TestSignals.RATE;
import static dev.acepipe.album.TestSignals.concat;
import static dev.acepipe.album.TestSignals.music;
import static dev.acepipe.album.TestSignals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.analysis.KWeighting;
import org.junit.jupiter.api.Test;

class LoudnessTest {
  @Test
  void kWeightingCoefficientsAt48kHzMatchTheTableOfTheStandard() {
    KWeighting.Biquad shelf = KWeighting.shelf(48_000);
    KWeighting.Biquad highPass = KWeighting.highPass(48_000);

    assertThat(shelf.b0()).isCloseTo(1.53512485958697, within(1e-8));
    assertThat(shelf.b1()).isCloseTo(-2.69169618940638, within(1e-8));
    assertThat(shelf.b2()).isCloseTo(1.19839281085285, within(1e-8));
    assertThat(shelf.a1()).isCloseTo(-1.69065929318241, within(1e-8));
    assertThat(shelf.a2()).isCloseTo(0.73248077421585, within(1e-8));
    assertThat(highPass.a1()).isCloseTo(-1.99004745483398, within(1e-8));
    assertThat(highPass.a2()).isCloseTo(0.99007225036621, within(1e-8));
  }

  @Test
  void fullScaleSineInOneChannelOfStereoReadsMinus3Point01Lufs() {
    Pcm pcm = sine(RATE, 997, 0, 10, true, false);

    LoudnessMeasurement m = Loudness.measure(pcm);

    assertThat(m.integratedLufs()).isCloseTo(-3.01, within(0.02));
    assertThat(m.samplePeakDbfs()).isCloseTo(0.0, within(0.01));
  }

  @Test
  void fullScaleSineInBothChannelsReadsThreeDecibelsLouder() {
    LoudnessMeasurement one = Loudness.measure(sine(RATE, 997, 0, 10, true, false));
    LoudnessMeasurement both = Loudness.measure(sine(RATE, 997, 0, 10, true, true));

    assertThat(both.integratedLufs()).isCloseTo(0.0, within(0.02));
    assertThat(both.integratedLufs() - one.integratedLufs()).isCloseTo(3.01, within(0.01));
  }

  @Test
  void minus20DbfsSineInOneChannelReadsMinus23Point01Lufs() {
    LoudnessMeasurement m = Loudness.measure(sine(RATE, 997, -20, 10, true, false));

    assertThat(m.integratedLufs()).isCloseTo(-23.01, within(0.02));
    assertThat(m.samplePeakDbfs()).isCloseTo(-20.0, within(0.01));
  }

  @Test
  void otherSampleRatesGiveTheSameReading() {
    assertThat(Loudness.measure(sine(44_100, 997, -20, 10, true, false)).integratedLufs())
        .isCloseTo(-23.01, within(0.02));
    assertThat(Loudness.measure(sine(96_000, 997, -20, 10, true, false)).integratedLufs())
        .isCloseTo(-23.01, within(0.02));
  }

  @Test
  void monoIsMeasuredAsOneChannel() {
    assertThat(Loudness.measure(sine(RATE, 997, -20, 5, true)).integratedLufs())
        .isCloseTo(-23.01, within(0.02));
  }

  @Test
  void absoluteGateLeavesSilenceOutOfTheAverage() {
    Pcm tone = sine(RATE, 997, -20, 10, true, false);
    Pcm tonePlusSilence = concat(tone, Pcm.silence(RATE, 2, RATE * 20));

    LoudnessMeasurement m = Loudness.measure(tonePlusSilence);

    // Averaging the silence in would read about 4.8 dB lower; the three blocks straddling the edge
    // cost ~0.07 dB.
    assertThat(m.integratedLufs()).isCloseTo(-23.01, within(0.1));
  }

  @Test
  void relativeGateLeavesQuietPassagesOutOfTheAverage() {
    Pcm loud = sine(RATE, 997, -20, 10, true, true);
    Pcm quiet = sine(RATE, 997, -45, 10, true, true);

    LoudnessMeasurement m = Loudness.measure(concat(loud, quiet));

    // -45 dBFS is 25 LU under the loud part, so below the relative gate; without it the reading
    // would be ~3 dB lower.
    // The blocks straddling the edge are above the gate and cost ~0.07 dB.
    assertThat(m.integratedLufs()).isCloseTo(-20.0, within(0.1));
  }

  @Test
  void passagesAboveTheRelativeGateAreAveragedByPower() {
    Pcm a = sine(RATE, 997, -20, 10, true, true);
    Pcm b = sine(RATE, 997, -26, 10, true, true);

    LoudnessMeasurement m = Loudness.measure(concat(a, b));

    double expected = 10 * Math.log10((Math.pow(10, -2.0) + Math.pow(10, -2.6)) / 2);
    assertThat(m.integratedLufs()).isCloseTo(expected, within(0.05));
  }

  /**
   * Segments of a 1 kHz stereo sine: {dBFS, seconds} pairs, as the EBU Tech 3341
   * minimum-requirement signals.
   */
  private static Pcm segments(int rate, double... levelsAndSeconds) {
    Pcm pcm = Pcm.silence(rate, 2, 0);
    for (int i = 0; i < levelsAndSeconds.length; i += 2) {
      pcm = concat(pcm, sine(rate, 1000, levelsAndSeconds[i], levelsAndSeconds[i + 1], true, true));
    }
    return pcm;
  }

  @Test
  void ebuTech3341ReferenceSignalsReadWithinATenthOfAnLu() {
    assertThat(Loudness.measure(segments(RATE, -23, 20)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
    assertThat(Loudness.measure(segments(RATE, -33, 20)).integratedLufs())
        .isCloseTo(-33.0, within(0.1));
    assertThat(Loudness.measure(segments(RATE, -36, 10, -23, 60, -36, 10)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
    assertThat(
            Loudness.measure(segments(RATE, -72, 10, -36, 10, -23, 60, -36, 10, -72, 10))
                .integratedLufs())
        .isCloseTo(-23.0, within(0.1));
    assertThat(Loudness.measure(segments(44_100, -26, 20, -20, 20.1, -26, 20)).integratedLufs())
        .isCloseTo(-23.0, within(0.1));
  }

  @Test
  void digitalSilenceHasNoLoudnessAndNoPeak() {
    LoudnessMeasurement m = Loudness.measure(Pcm.silence(RATE, 2, RATE * 3));

    assertThat(m.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.samplePeakDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.isSilent()).isTrue();
  }

  @Test
  void audioShorterThanOneBlockHasNoIntegratedLoudness() {
    LoudnessMeasurement m = Loudness.measure(sine(RATE, 997, 0, 0.3, true, true));

    assertThat(m.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(m.samplePeakDbfs()).isCloseTo(0.0, within(0.01));
  }

  @Test
  void lfeIsLeftOutAndSurroundsWeighMoreInFivePointOne() {
    LoudnessMeasurement lfeOnly =
        Loudness.measure(sine(RATE, 997, -20, 5, false, false, false, true, false, false));
    LoudnessMeasurement surroundOnly =
        Loudness.measure(sine(RATE, 997, -20, 5, false, false, false, false, true, false));

    assertThat(lfeOnly.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(surroundOnly.integratedLufs())
        .isCloseTo(-23.01 + 10 * Math.log10(1.41), within(0.02));
  }

  @Test
  void normalizationLandsWithinHalfALoudnessUnitOfTheTargetOnMusicLikeAudio() {
    Pcm quiet = music(30, -18, 7);
    Pcm loud = music(30, -0.5, 8);

    Normalization up = Loudness.normalize(quiet, -16);
    Normalization down = Loudness.normalize(loud, -23);

    assertThat(up.before().integratedLufs()).isLessThan(-25);
    assertThat(up.after().integratedLufs()).isCloseTo(-16, within(0.5));
    assertThat(up.peakLimited()).isFalse();
    assertThat(down.after().integratedLufs()).isCloseTo(-23, within(0.5));
    assertThat(down.gainDb()).isNegative();
    assertThat(Loudness.measure(up.pcm())).isEqualTo(up.after());
  }

  @Test
  void truePeakCeilingLimitsTheGainInsteadOfClipping() {
    Pcm music = music(20, -12, 3);

    Normalization n = Loudness.normalize(music, -3, -1);

    assertThat(n.peakLimited()).isTrue();
    assertThat(n.after().truePeakDbtp()).isCloseTo(-1, within(0.05)).isLessThanOrEqualTo(-1.0);
    assertThat(n.after().samplePeakDbfs()).isLessThanOrEqualTo(n.after().truePeakDbtp());
    assertThat(n.after().integratedLufs()).isLessThan(-3);
    assertThat(n.gainDb()).isCloseTo(-1 - n.before().truePeakDbtp(), within(0.05));
  }

  @Test
  void silentInputIsReturnedUnchanged() {
    Pcm silence = Pcm.silence(RATE, 2, RATE * 2);

    Normalization n = Loudness.normalize(silence, -14);

    assertThat(n.silentInput()).isTrue();
    assertThat(n.gainDb()).isZero();
    assertThat(n.pcm()).isSameAs(silence);
  }

  @Test
  void rejectsTargetsAndCeilingsOutOfRange() {
    Pcm pcm = sine(RATE, 997, -20, 1, true, true);

    assertThatThrownBy(() -> Loudness.normalize(pcm, 3)).hasMessageContaining("target loudness");
    assertThatThrownBy(() -> Loudness.normalize(pcm, Double.NaN))
        .hasMessageContaining("target loudness");
    assertThatThrownBy(() -> Loudness.normalize(pcm, -14, 0.5))
        .hasMessageContaining("peak ceiling");
  }
}
