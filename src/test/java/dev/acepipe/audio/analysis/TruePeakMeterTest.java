package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.Pcm;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The true-peak meter skips blocks whose bound cannot beat the peak so far; these tests hold it to
 * the plain computation (every output of every phase, summed tap by tap) bit for bit.
 */
class TruePeakMeterTest {
  private static final int RATE = 48_000;
  private static final double[][] TAPS = TruePeakMeter.taps();

  /** 20 log10 of the largest absolute 4x-oversampled value, every output computed. */
  private static double everyOutput(short[] s, int channels) {
    int frames = s.length / channels;
    double peak = 0;
    for (int c = 0; c < channels; c++) {
      for (int n = 0; n < frames; n++) {
        for (double[] h : TAPS) {
          double y = 0;
          for (int m = 0; m < h.length; m++) {
            int k = n - m;
            y += h[m] * (k < 0 ? 0 : s[k * channels + c] / 32768.0);
          }
          peak = Math.max(peak, Math.abs(y));
        }
      }
    }
    return peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak);
  }

  /** Feeds {@code s} in chunks of the given frame counts, cycling, as decoders hand out blocks. */
  private static TruePeakMeter fed(short[] s, int channels, int... chunkFrames) {
    TruePeakMeter meter = new TruePeakMeter(channels);
    int at = 0;
    for (int i = 0; at < s.length; i++) {
      int n = Math.min(chunkFrames[i % chunkFrames.length] * channels, s.length - at);
      meter.accept(s, at, n);
      at += n;
    }
    return meter;
  }

  private static short[] samples(Pcm pcm) {
    short[] s = new short[pcm.samples().remaining()];
    pcm.samples().get(s);
    return s;
  }

  /** Noise under an envelope that starts loud and decays, so most later blocks can be skipped. */
  private static short[] decayingNoise(int channels, double seconds, long seed) {
    Random random = new Random(seed);
    int frames = (int) (seconds * RATE);
    short[] s = new short[frames * channels];
    for (int i = 0; i < s.length; i++) {
      double envelope = Math.exp(-3.0 * (i / channels) / frames);
      s[i] = (short) Math.round(20_000 * envelope * random.nextGaussian() / 3);
    }
    return s;
  }

  /** Bursts of a square-ish tone of rising level: the peak keeps moving up, little is skipped. */
  private static short[] risingBursts(int channels, double seconds) {
    int frames = (int) (seconds * RATE);
    short[] s = new short[frames * channels];
    for (int f = 0; f < frames; f++) {
      double level = 4_000 + 28_000.0 * f / frames;
      boolean on = (f / 2400) % 2 == 0;
      double v = on ? level * Math.signum(Math.sin(2 * Math.PI * 3000 * f / RATE)) : 0;
      for (int c = 0; c < channels; c++) {
        s[f * channels + c] =
            (short) Math.max(-32768, Math.min(32767, Math.round(v * (c + 1) / channels)));
      }
    }
    return s;
  }

  @Test
  void theTech3341TruePeakCasesReadExactlyAsWithEveryOutputComputed() {
    Pcm[] cases = {
      AudioAnalyzerTest.truePeakSine(4, 0, -6, 2),
      AudioAnalyzerTest.truePeakSine(4, 45, -6, 2),
      AudioAnalyzerTest.truePeakSine(6, 60, -6, 2),
      AudioAnalyzerTest.truePeakSine(8, 67.5, -6, 2),
      AudioAnalyzerTest.truePeakSine(4, 45, 3.01, 2)
    };

    for (Pcm pcm : cases) {
      short[] s = samples(pcm);
      assertThat(fed(s, 2, 8192).truePeakDbtp()).isEqualTo(everyOutput(s, 2));
    }
  }

  @Test
  void decayingNoiseReadsExactlyAsWithEveryOutputComputedThoughMostBlocksAreSkipped() {
    short[] s = decayingNoise(2, 4, 7);
    int blocks = 2 * (4 * RATE / 32);

    TruePeakMeter meter = fed(s, 2, 8192);

    assertThat(meter.truePeakDbtp()).isEqualTo(everyOutput(s, 2));
    assertThat(meter.interpolatedBlocks()).isLessThan(blocks / 4);
  }

  @Test
  void risingBurstsInMonoStereoAndSixChannelsReadExactlyAsWithEveryOutputComputed() {
    for (int channels : new int[] {1, 2, 6}) {
      short[] s = risingBursts(channels, 1.5);

      assertThat(fed(s, channels, 8192).truePeakDbtp())
          .as("%d channels", channels)
          .isEqualTo(everyOutput(s, channels));
    }
  }

  @Test
  void howTheSamplesAreSplitIntoCallsDoesNotChangeTheReading() {
    short[] s = decayingNoise(2, 1, 11);
    double expected = everyOutput(s, 2);

    assertThat(fed(s, 2, 1, 3, 5, 11, 2000).truePeakDbtp()).isEqualTo(expected);
    assertThat(fed(s, 2, 7).truePeakDbtp()).isEqualTo(expected);
    assertThat(fed(s, 2, 1025).truePeakDbtp()).isEqualTo(expected);
  }

  @Test
  void aFullScaleTransientAfterQuietAudioIsFoundAboveItsSamplePeak() {
    short[] s = decayingNoise(1, 1, 3);
    for (int i = 0; i < s.length; i++) {
      s[i] /= 8;
    }
    int at = RATE / 2;
    s[at] = 32767;
    s[at + 1] = 32767;
    s[at + 2] = -32768;

    double tp = fed(s, 1, 8192).truePeakDbtp();

    assertThat(tp).isEqualTo(everyOutput(s, 1)).isGreaterThan(0.0);
  }

  @Test
  void digitalSilenceHasNoTruePeak() {
    assertThat(fed(new short[9600], 2, 8192).truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
