package dev.acepipe.report.html;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import dev.acepipe.audio.PcmStream;
import dev.acepipe.audio.Waveform;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Renders a waveform picture of an audio file: for every pixel column the minimum and maximum
 * sample of that slice of time, drawn as a vertical bar around the centre line. The image has an
 * opaque background so it reads the same on any page colour.
 */
public final class WaveformPng {
  /** Default picture size in pixels. */
  public static final int WIDTH = 800;

  public static final int HEIGHT = 96;

  private static final Color BACKGROUND = new Color(0xF4, 0xF6, 0xFA);
  private static final Color AXIS = new Color(0xC8, 0xCE, 0xD8);
  private static final Color WAVE = new Color(0x2B, 0x5F, 0xB4);

  private final int width;
  private final int height;

  public WaveformPng(int width, int height) {
    if (width < 2 || height < 4 || width > 8192 || height > 2048) {
      throw new IllegalArgumentException("waveform size out of range: " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /**
   * Decodes {@code audio} (WAV, FLAC or MP3) block by block (memory stays bounded whatever its
   * length) and writes its waveform to {@code png}, atomically.
   *
   * @throws dev.acepipe.audio.AudioException if the file is missing or not audio we can decode
   * @throws IOException if reading or writing fails
   */
  public void render(Path audio, Path png) throws IOException {
    long frames = AudioFiles.probe(audio).frames();
    Waveform w;
    try (PcmStream in = AudioFiles.openPcm(audio)) {
      w = Waveform.of(in, frames, width);
    }
    ReportFiles.writeAtomically(png, encode(draw(w)));
  }

  /** The picture of {@code pcm}; silence draws only the centre line. */
  public BufferedImage draw(Pcm pcm) {
    return draw(Waveform.of(pcm, width));
  }

  /** The picture of a waveform summary. */
  BufferedImage draw(Waveform w) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      int mid = height / 2;
      g.setColor(AXIS);
      g.drawLine(0, mid, width - 1, mid);
      g.setColor(WAVE);
      float[] lo = w.min();
      float[] hi = w.max();
      int n = w.buckets();
      double half = (height - 2) / 2.0;
      for (int x = 0; x < width && n > 0; x++) {
        // Fewer buckets than pixels (very short audio): stretch rather than leave the right side
        // empty.
        int b = (int) ((long) x * n / width);
        int top = (int) Math.round(mid - hi[b] * half);
        int bottom = (int) Math.round(mid - lo[b] * half);
        if (top == bottom && hi[b] == 0f && lo[b] == 0f) {
          continue;
        }
        g.drawLine(
            x, Math.max(0, Math.min(top, bottom)), x, Math.min(height - 1, Math.max(top, bottom)));
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  static byte[] encode(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer in this JVM");
    }
    return out.toByteArray();
  }
}
