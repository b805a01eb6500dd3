package dev.acepipe.audio.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Measuring a take while its bytes arrive gives exactly what measuring the finished file gives. */
class StreamingAnalysisTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(AudioFormat.class)
  void measuringWhileTheBytesArriveEqualsMeasuringTheFinishedFile(AudioFormat format)
      throws IOException {
    Pcm pcm = AudioAnalyzerTest.clicks(118, 12);
    Path file = dir.resolve("take." + format.extension());
    AudioFiles.write(pcm, format, file);
    byte[] bytes = Files.readAllBytes(file);

    AudioAnalysis streamed;
    try (StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer())) {
      // uneven chunks, as a network delivers them
      for (int at = 0, step = 1; at < bytes.length; at += step, step = step * 3 % 40_000 + 1) {
        live.write(bytes, at, Math.min(step, bytes.length - at));
      }
      streamed = live.finish();
    }

    assertThat(streamed).isEqualTo(new AudioAnalyzer().analyze(file));
    assertThat(streamed.durationSeconds()).isCloseTo(12.0, within(0.1));
    assertThat(streamed.tempoBpm()).isBetween(117.0, 119.0);
  }

  @Test
  void aWavWhoseDataSizeIsLeftOpenIsReadToTheEndLikeTheFile() throws IOException {
    Pcm pcm = AudioAnalyzerTest.sines(-20, 3);
    Path file = dir.resolve("open.wav");
    AudioFiles.write(pcm, AudioFormat.WAV, file);
    byte[] bytes = Files.readAllBytes(file);
    int data = indexOf(bytes, "data");
    ByteBuffer.wrap(bytes, data + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFF_FFFF);
    Files.write(file, bytes);

    assertThat(stream(bytes)).isEqualTo(new AudioAnalyzer().analyze(file));
  }

  @Test
  void aWavThatIsNotSixteenBitPcmIsLeftToTheFileAndSaysWhy() {
    byte[] wav = floatWav();
    assertThatThrownBy(() -> stream(wav))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("measured from the file");
  }

  @Test
  void bytesThatAreNotAudioFailTheAnalysisNotTheDownload() throws IOException {
    try (StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer())) {
      byte[] junk = "<html>502 Bad Gateway</html>".repeat(5000).getBytes();
      live.write(junk, 0, junk.length); // never throws for the content: the download goes on
      live.write(junk, 0, junk.length);
      assertThatThrownBy(live::finish).isInstanceOf(IOException.class);
    }
  }

  @Test
  void closingWithoutFinishingAbandonsTheAnalysisAndRefusesMoreBytes() throws IOException {
    byte[] head = new byte[44];
    StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer());
    live.write(head, 0, 10);
    live.close();
    assertThatThrownBy(() -> live.write(head, 0, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after finish or close");
  }

  private static AudioAnalysis stream(byte[] bytes) throws IOException {
    try (StreamingAnalysis live = new StreamingAnalysis(new AudioAnalyzer())) {
      live.write(bytes, 0, bytes.length);
      return live.finish();
    }
  }

  private static int indexOf(byte[] b, String s) {
    outer:
    for (int i = 0; i + s.length() <= b.length; i++) {
      for (int j = 0; j < s.length(); j++) {
        if (b[i + j] != s.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(s + " not found");
  }

  /** A 32-bit float WAV header with a little audio: tag 3. */
  private static byte[] floatWav() {
    int dataBytes = 4800 * 2 * 4;
    ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 2).putInt(48_000);
    b.putInt(48_000 * 8).putShort((short) 8).putShort((short) 32);
    b.put("data".getBytes()).putInt(dataBytes);
    return b.array();
  }
}
