package dev.acepipe.audio;

import dev.acepipe.store.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;
import org.jflac.sound.spi.FlacAudioFileReader;

/**
 * Reading, writing, probing and hashing audio files. Formats are recognised by their content (magic
 * bytes), not by the file name. All methods are thread-safe; all writes are atomic.
 */
public final class AudioFiles {
  private AudioFiles() {}

  /**
   * Opens a streaming, atomic writer of 16-bit PCM into {@code out} in {@code format}.
   *
   * @throws IOException if the temp file cannot be created or the encoder rejects the parameters
   */
  public static AudioSink openSink(AudioFormat format, Path out, int sampleRate, int channels)
      throws IOException {
    return switch (format) {
      case WAV -> new WavSink(out, sampleRate, channels);
      case FLAC -> new FlacSink(out, sampleRate, channels);
      case MP3 -> new Mp3Sink(out, sampleRate, channels);
    };
  }

  /** Writes {@code pcm} to {@code out} in {@code format}, atomically. */
  public static void write(Pcm pcm, AudioFormat format, Path out) throws IOException {
    short[] block = new short[8192 * pcm.channels()];
    java.nio.ShortBuffer samples = pcm.samples();
    try (AudioSink sink = openSink(format, out, pcm.sampleRate(), pcm.channels())) {
      while (samples.hasRemaining()) {
        int n = Math.min(block.length, samples.remaining());
        samples.get(block, 0, n);
        sink.write(block, 0, n / pcm.channels());
      }
      sink.commit();
    }
  }

  /** The format of {@code file} judged from its first bytes. */
  public static AudioFormat detect(Path file) throws IOException {
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw new AudioException(file, "no such file");
    }
    return sniff(head, n)
        .orElseThrow(() -> new AudioException(file, "not a WAV, FLAC or MP3 file"));
  }

  /**
   * The format the first {@code n} bytes of a file or stream announce (12 are enough): a RIFF/WAVE
   * header, {@code fLaC}, or an ID3 tag or MPEG frame sync for MP3; empty for anything else.
   */
  public static Optional<AudioFormat> sniff(byte[] head, int n) {
    if (n >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
      return Optional.of(AudioFormat.WAV);
    }
    if (n >= 4 && ascii(head, 0, "fLaC")) {
      return Optional.of(AudioFormat.FLAC);
    }
    if (n >= 3 && ascii(head, 0, "ID3")
        || n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
      return Optional.of(AudioFormat.MP3);
    }
    return Optional.empty();
  }

  private static boolean ascii(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes {@code file} (WAV, FLAC or MP3) to 16-bit PCM at its own rate and channel count; call
   * {@link Pcm#toCanonical()} for 48 kHz stereo.
   *
   * @throws AudioException if the file is not audio we can decode
   */
  public static Pcm read(Path file) throws IOException {
    return readWith(file, (f, format) -> WavFiles.readPcm16(f), AudioFiles::decodeAll);
  }

  /**
   * Opens {@code file} (WAV, FLAC or MP3) for decoding block by block at its own rate and channel
   * count; memory stays bounded whatever the file's length. The caller closes the stream.
   *
   * @throws AudioException if the file is not audio we can decode
   */
  public static PcmStream openPcm(Path file) throws IOException {
    return readWith(file, (f, format) -> WavFiles.openPcm16(f), AudioFiles::openDecoded);
  }

  /** One way of reading a file of a detected format. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(Path file, AudioFormat format) throws IOException;
  }

  /**
   * Reads {@code file} with {@code wav16} when it is a 16-bit PCM WAV (read straight from the file;
   * {@code wav16} answers null for any other WAV encoding) and with {@code decoder} (javax.sound)
   * otherwise.
   */
  private static <T> T readWith(Path file, Reader<T> wav16, Reader<T> decoder) throws IOException {
    AudioFormat format = detect(file);
    if (format == AudioFormat.WAV) {
      T direct = wav16.read(file, format);
      if (direct != null) {
        return direct;
      }
    }
    return decoder.read(file, format);
  }

  private static Pcm decodeAll(Path file, AudioFormat format) throws IOException {
    try (PcmStream in = openDecoded(file, format)) {
      return Pcm.adopt(in.sampleRate(), in.channels(), readAll(in));
    } catch (IllegalArgumentException e) {
      throw new AudioException(file, "cannot decode " + format + ": " + e.getMessage(), e);
    }
  }

  /**
   * A javax.sound decoder of {@code file} as signed 16-bit PCM, decoded ahead on its own thread.
   */
  private static PcmStream openDecoded(Path file, AudioFormat format) throws IOException {
    AudioInputStream coded = null;
    try {
      coded =
          switch (format) {
            case WAV -> AudioSystem.getAudioInputStream(file.toFile());
            case FLAC -> new FlacAudioFileReader().getAudioInputStream(file.toFile());
            case MP3 -> new MpegAudioFileReader().getAudioInputStream(file.toFile());
          };
      return DecodedPcmStream.of(coded);
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      if (coded != null) {
        coded.close();
      }
      throw new AudioException(file, "cannot decode " + format + ": " + e.getMessage(), e);
    }
  }

  private static short[] readAll(PcmStream in) throws IOException {
    short[] out = new short[1 << 20];
    int count = 0;
    while (true) {
      if (out.length - count < DecodedPcmStream.BLOCK_FRAMES * in.channels()) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      int n = in.read(out, count, out.length - count);
      if (n < 0) {
        return Arrays.copyOf(out, count);
      }
      count += n;
    }
  }

  /**
   * Reads what a file holds without decoding it where the header tells: WAV (fmt/data chunks) and
   * FLAC (STREAMINFO) are read from their headers; MP3 is scanned frame header by frame header.
   */
  public static AudioInfo probe(Path file) throws IOException {
    AudioFormat format = detect(file);
    return switch (format) {
      case WAV -> WavFiles.probe(file);
      case FLAC -> probeFlac(file);
      case MP3 -> Mp3Scan.probe(file);
    };
  }

  private static AudioInfo probeFlac(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(42);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (b.hasRemaining() && ch.read(b) > 0) {
        // read the fixed-size prefix: "fLaC", block header, STREAMINFO
      }
    }
    if (b.position() < 42 || (b.get(4) & 0x7F) != 0) {
      throw new AudioException(file, "FLAC without STREAMINFO");
    }
    long x = b.getLong(18); // 20 bits rate, 3 bits channels-1, 5 bits bps-1, 36 bits total samples
    int rate = (int) (x >>> 44);
    int channels = (int) ((x >>> 41) & 0x7) + 1;
    long frames = x & 0xF_FFFF_FFFFL;
    return new AudioInfo(AudioFormat.FLAC, rate, channels, frames);
  }

  /** The SHA-256 of {@code file}'s bytes as lowercase hex, read in a stream. */
  public static String sha256(Path file) throws IOException {
    return Hashes.sha256Hex(file);
  }
}
