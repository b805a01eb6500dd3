package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.PcmStream;
import dev.acepipe.audio.Waveform;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading a file block by block gives the same samples, measurements and waveform as decoding it
 * whole.
 */
class StreamingReadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = AudioFormat.class,
      names = {"WAV", "FLAC"})
  void blockReadsMatchTheWholeFile(AudioFormat format) throws IOException {
    Pcm pcm = AudioAnalyzerTest.clicks(118, 12);
    Path file = dir.resolve("take." + format.extension());
    AudioFiles.write(pcm, format, file);

    short[] all = new short[pcm.frames() * 2];
    int filled = 0;
    try (PcmStream in = AudioFiles.openPcm(file)) {
      short[] block = new short[1000 * 2 + 1]; // odd room: reads must still end on whole frames
      int n;
      while ((n = in.read(block, 0, block.length)) >= 0) {
        assertThat(n % 2).isZero();
        System.arraycopy(block, 0, all, filled, n);
        filled += n;
      }
    }
    assertThat(filled).isEqualTo(all.length);
    assertThat(Pcm.adopt(48_000, 2, all).sameAudio(pcm)).isTrue();
    assertThat(new AudioAnalyzer().analyze(file)).isEqualTo(new AudioAnalyzer().analyze(pcm));
    try (PcmStream in = AudioFiles.openPcm(file)) {
      assertThat(Waveform.of(in, pcm.frames(), 800)).isEqualTo(Waveform.of(pcm, 800));
    }
  }
}
