package dev.acepipe.audio.analysis;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.PcmStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Measures audio in one streaming pass: the samples are read in blocks of {@value #BLOCK_FRAMES}
 * frames and fed to every meter asked for, so memory stays bounded (a few hundred KB) for a file of
 * any length. Loudness, sample peak, clipping, silence and duration are always measured (they cost
 * little); true peak and tempo only when asked. Stateless and thread-safe; each call uses its own
 * meters.
 */
public final class AudioAnalyzer {
  /** The extra, costlier measurements. */
  public enum Extra {
    TRUE_PEAK,
    TEMPO
  }

  /** Frames per block read. */
  public static final int BLOCK_FRAMES = 8192;

  /** Consecutive full-scale samples that count as one clipped run. */
  public static final int CLIP_RUN = 3;

  /** The default level below which audio counts as silent. */
  public static final double DEFAULT_SILENCE_DBFS = -60;

  private final Set<Extra> extras;
  private final double silenceDbfs;

  /** Everything, silence below {@value #DEFAULT_SILENCE_DBFS} dBFS. */
  public AudioAnalyzer() {
    this(EnumSet.allOf(Extra.class), DEFAULT_SILENCE_DBFS);
  }

  public AudioAnalyzer(Set<Extra> extras, double silenceDbfs) {
    this.extras = extras.isEmpty() ? EnumSet.noneOf(Extra.class) : EnumSet.copyOf(extras);
    if (!(silenceDbfs < 0) || Double.isInfinite(silenceDbfs)) {
      throw new IllegalArgumentException(
          "silence threshold must be a finite level below 0 dBFS: " + silenceDbfs);
    }
    this.silenceDbfs = silenceDbfs;
  }

  /** Decodes and measures {@code file} (WAV, FLAC or MP3). */
  public AudioAnalysis analyze(Path file) throws IOException {
    try (PcmStream in = AudioFiles.openPcm(file)) {
      return analyze(in);
    }
  }

  /** Measures audio already in memory. */
  public AudioAnalysis analyze(Pcm pcm) {
    try {
      return analyze(PcmStream.of(pcm));
    } catch (IOException e) {
      throw new IllegalStateException("in-memory audio cannot fail to read", e);
    }
  }

  /** Measures everything {@code in} delivers; does not close it. */
  public AudioAnalysis analyze(PcmStream in) throws IOException {
    int rate = in.sampleRate();
    int channels = in.channels();
    LoudnessMeter loudness = new LoudnessMeter(rate, channels);
    TruePeakMeter truePeak = extras.contains(Extra.TRUE_PEAK) ? new TruePeakMeter(channels) : null;
    TempoMeter tempo = extras.contains(Extra.TEMPO) ? new TempoMeter(rate, channels) : null;
    LevelMeter levels =
        new LevelMeter(rate, channels, (int) Math.ceil(32768 * Math.pow(10, silenceDbfs / 20)));

    short[] buf = new short[BLOCK_FRAMES * channels];
    long frames = 0;
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      if (n == 0) {
        continue;
      }
      loudness.accept(buf, 0, n);
      levels.accept(buf, 0, n);
      if (truePeak != null) {
        truePeak.accept(buf, 0, n);
      }
      if (tempo != null) {
        tempo.accept(buf, 0, n);
      }
      frames += n / channels;
    }
    int peak = levels.peak();
    double samplePeak = peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak / 32768.0);
    double tp = truePeak == null ? Double.NaN : Math.max(truePeak.truePeakDbtp(), samplePeak);
    double bpm = tempo == null ? Double.NaN : tempo.bpm().orElse(Double.NaN);
    return new AudioAnalysis(
        frames / (double) rate,
        loudness.integratedLufs(),
        loudness.loudnessRangeLu(),
        samplePeak,
        tp,
        levels.clippedRuns(),
        levels.clippedSamples(),
        levels.longestSilentFrames() / (double) rate,
        silenceDbfs,
        bpm);
  }
}
