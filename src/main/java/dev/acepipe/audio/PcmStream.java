package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ShortBuffer;

/**
 * 16-bit PCM read block by block, interleaved by frame, so that a file of any length is analysed in
 * bounded memory. Not thread-safe; close it when done.
 */
public interface PcmStream extends AutoCloseable {
  int sampleRate();

  int channels();

  /**
   * Reads up to {@code max} samples into {@code buf} from {@code offset}; always a whole number of
   * frames.
   *
   * @return samples read, or -1 at the end of the audio
   */
  int read(short[] buf, int offset, int max) throws IOException;

  @Override
  void close() throws IOException;

  /** A stream over audio already in memory (no copy). */
  static PcmStream of(Pcm pcm) {
    ShortBuffer samples = pcm.samples();
    return new PcmStream() {
      @Override
      public int sampleRate() {
        return pcm.sampleRate();
      }

      @Override
      public int channels() {
        return pcm.channels();
      }

      @Override
      public int read(short[] buf, int offset, int max) {
        if (!samples.hasRemaining()) {
          return -1;
        }
        int n = Math.min(max - max % pcm.channels(), samples.remaining());
        samples.get(buf, offset, n);
        return n;
      }

      @Override
      public void close() {}
    };
  }
}
