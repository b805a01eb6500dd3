package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.audio.AudioException;
import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaveformPngTest {
  @TempDir Path dir;

  @Test
  void rendersAToneAsBarsAroundTheCentre() throws Exception {
    Path wav = dir.resolve("t.wav");
    AudioFiles.write(SampleRuns.tone(220, 1.0), AudioFormat.WAV, wav);
    Path png = dir.resolve("out/t.png");

    new WaveformPng(200, 50).render(wav, png);

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(200);
    assertThat(img.getHeight()).isEqualTo(50);
    // The swell is loudest in the middle: its bar is taller than the one at the start.
    assertThat(inkInColumn(img, 100)).isGreaterThan(30);
    assertThat(inkInColumn(img, 100)).isGreaterThan(inkInColumn(img, 2));
    assertThat(Files.list(png.getParent())).containsExactly(png);
  }

  @Test
  void rendersFlacLikeWav() throws Exception {
    Path flac = dir.resolve("t.flac");
    AudioFiles.write(SampleRuns.tone(220, 1.0), AudioFormat.FLAC, flac);

    new WaveformPng(100, 40).render(flac, dir.resolve("f.png"));

    assertThat(inkInColumn(ImageIO.read(dir.resolve("f.png").toFile()), 50)).isGreaterThan(20);
  }

  @Test
  void silenceDrawsOnlyTheCentreLine() {
    BufferedImage img = new WaveformPng(100, 40).draw(Pcm.silence(48_000, 2, 48_000));

    assertThat(inkInColumn(img, 50)).isZero();
  }

  @Test
  void audioShorterThanTheImageStillFillsItsWidth() {
    BufferedImage img = new WaveformPng(100, 40).draw(SampleRuns.tone(1000, 0.0005));

    assertThat(inkInColumn(img, 99)).isPositive();
  }

  @Test
  void refusesAFileThatIsNotAudio() throws Exception {
    Path txt = Files.writeString(dir.resolve("x.wav"), "not audio at all");

    assertThatThrownBy(() -> new WaveformPng(100, 40).render(txt, dir.resolve("x.png")))
        .isInstanceOf(AudioException.class);
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  /** Pixels of the wave colour in column {@code x} (the centre line is a different colour). */
  static int inkInColumn(BufferedImage img, int x) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      if ((img.getRGB(x, y) & 0xFFFFFF) == 0x2B5FB4) {
        n++;
      }
    }
    return n;
  }
}
