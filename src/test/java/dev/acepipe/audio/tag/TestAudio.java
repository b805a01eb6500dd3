package dev.acepipe.audio.tag;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import net.sourceforge.javaflacencoder.FLAC_FileEncoder;

/** Short real audio files made by the pinned codecs, and a decoder to compare their samples. */
final class TestAudio {
  static final AudioFormat PCM = new AudioFormat(48_000f, 16, 2, true, false);

  private TestAudio() {}

  /** Half a second of a 440 Hz tone, 16-bit stereo little-endian. */
  static byte[] tone() {
    int frames = 24_000;
    byte[] pcm = new byte[frames * 4];
    for (int i = 0; i < frames; i++) {
      short s = (short) (Math.sin(2 * Math.PI * 440 * i / 48_000.0) * 12_000);
      for (int ch = 0; ch < 2; ch++) {
        pcm[i * 4 + ch * 2] = (byte) s;
        pcm[i * 4 + ch * 2 + 1] = (byte) (s >> 8);
      }
    }
    return pcm;
  }

  static Path wav(Path file) throws IOException {
    byte[] pcm = tone();
    AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), PCM, pcm.length / 4);
    AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    return file;
  }

  static Path flac(Path file) throws IOException {
    Path wav = wav(file.resolveSibling(file.getFileName() + ".src.wav"));
    FLAC_FileEncoder.Status status = new FLAC_FileEncoder().encode(wav.toFile(), file.toFile());
    if (status != FLAC_FileEncoder.Status.FULL_ENCODE) {
      throw new IOException("FLAC encoding failed: " + status);
    }
    Files.delete(wav);
    return file;
  }

  static Path mp3(Path file) throws IOException {
    byte[] pcm = tone();
    LameEncoder enc =
        new LameEncoder(
            PCM, 128, LameEncoder.CHANNEL_MODE_JOINT_STEREO, LameEncoder.QUALITY_MIDDLE, false);
    byte[] buf = new byte[enc.getMP3BufferSize()];
    int chunk = enc.getPCMBufferSize();
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int off = 0; off < pcm.length; off += chunk) {
        int n = enc.encodeBuffer(pcm, off, Math.min(chunk, pcm.length - off), buf);
        out.write(buf, 0, n);
      }
      out.write(buf, 0, enc.encodeFinish(buf));
    } finally {
      enc.close();
    }
    return file;
  }

  /**
   * Every decoded sample of {@code file} as 16-bit signed little-endian PCM, through javax.sound's
   * codecs.
   */
  static byte[] decode(Path file) throws Exception {
    try (AudioInputStream src = AudioSystem.getAudioInputStream(file.toFile())) {
      AudioFormat f = src.getFormat();
      AudioFormat target =
          new AudioFormat(
              AudioFormat.Encoding.PCM_SIGNED,
              f.getSampleRate(),
              16,
              f.getChannels(),
              f.getChannels() * 2,
              f.getSampleRate(),
              false);
      try (AudioInputStream pcm = AudioSystem.getAudioInputStream(target, src)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pcm.transferTo(out);
        return out.toByteArray();
      }
    }
  }
}
