package dev.acepipe.audio;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MP3 writer on jump3r's LAME port: constant 192 kbit/s joint stereo at algorithm quality 7, so the
 * same PCM always gives the same bytes. We wire the encoder ourselves rather than through jump3r's
 * {@code LameEncoder} because that one always runs ReplayGain analysis (about a sixth of the
 * encoding time) whose result a CBR stream without a LAME tag never stores; it also takes samples
 * as bytes, which costs a conversion per sample.
 */
final class Mp3Sink implements AudioSink {
  private static final int KBPS = 192;

  /** LAME's {@code -q 7}: the fast noise-shaping path with the psychoacoustic model still on. */
  private static final int QUALITY = 7;

  private static final int CHUNK = 8192;

  private final TempTarget target;
  private final OutputStream out;
  private final Lame lame = new Lame();
  private final LameGlobalFlags flags;
  private final int channels;
  private final int[] left = new int[CHUNK];
  private final int[] right = new int[CHUNK];

  /** LAME's bound on the output of one call: 1.25 bytes per frame plus 7200. */
  private final byte[] mp3 = new byte[CHUNK * 5 / 4 + 7200];

  private boolean closed;
  private boolean done;

  Mp3Sink(Path path, int sampleRate, int channels) throws IOException {
    if (channels < 1 || channels > 2) {
      throw new IOException("MP3 holds 1 or 2 channels, not " + channels);
    }
    this.target = new TempTarget(path);
    this.channels = channels;
    this.flags = init(lame, sampleRate, channels);
    this.out = new BufferedOutputStream(Files.newOutputStream(target.temp()), 1 << 16);
  }

  /**
   * The module wiring jump3r's LAME port needs (it mirrors the C library's globals), then our
   * settings.
   */
  private static LameGlobalFlags init(Lame lame, int sampleRate, int channels) throws IOException {
    GainAnalysis gain = new GainAnalysis();
    BitStream bits = new BitStream();
    Presets presets = new Presets();
    QuantizePVT quantizePvt = new QuantizePVT();
    Quantize quantize = new Quantize();
    VBRTag vbrTag = new VBRTag();
    Version version = new Version();
    ID3Tag id3 = new ID3Tag();
    Reservoir reservoir = new Reservoir();
    Takehiro takehiro = new Takehiro();
    MPGLib mpg = new MPGLib();
    Interface intf = new Interface();
    Common common = new Common();
    lame.setModules(gain, bits, presets, quantizePvt, quantize, vbrTag, version, id3, mpg);
    bits.setModules(gain, mpg, version, vbrTag);
    id3.setModules(bits, version);
    presets.setModules(lame);
    quantize.setModules(bits, reservoir, quantizePvt, takehiro);
    quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
    reservoir.setModules(bits);
    takehiro.setModules(quantizePvt);
    vbrTag.setModules(lame, bits, version);
    mpg.setModules(intf, common);
    intf.setModules(vbrTag, common);

    LameGlobalFlags f = lame.lame_init();
    f.num_channels = channels;
    f.in_samplerate = sampleRate;
    f.out_samplerate = sampleRate;
    f.mode = channels == 1 ? MPEGMode.MONO : MPEGMode.JOINT_STEREO;
    f.VBR = VbrMode.vbr_off;
    f.brate = KBPS;
    f.quality = QUALITY;
    id3.id3tag_init(f);
    f.write_id3tag_automatic = false;
    f.findReplayGain = false;
    if (lame.lame_init_params(f) < 0) {
      throw new IOException(
          "MP3 encoder rejected " + sampleRate + " Hz, " + channels + " channels");
    }
    return f;
  }

  @Override
  public void write(short[] interleaved, int offsetFrames, int frames) throws IOException {
    int done = 0;
    while (done < frames) {
      int n = Math.min(CHUNK, frames - done);
      int s = (offsetFrames + done) * channels;
      // LAME's int entry point takes full-scale 32-bit samples
      if (channels == 2) {
        for (int i = 0; i < n; i++, s += 2) {
          left[i] = interleaved[s] << 16;
          right[i] = interleaved[s + 1] << 16;
        }
      } else {
        for (int i = 0; i < n; i++, s++) {
          left[i] = interleaved[s] << 16;
          right[i] = left[i];
        }
      }
      int bytes = lame.lame_encode_buffer_int(flags, left, right, n, mp3, 0, mp3.length);
      if (bytes < 0) {
        throw new IOException("MP3 encoder failed with code " + bytes);
      }
      out.write(mp3, 0, bytes);
      done += n;
    }
  }

  @Override
  public void commit() throws IOException {
    int bytes = lame.lame_encode_flush(flags, mp3, 0, mp3.length);
    if (bytes < 0) {
      throw new IOException("MP3 encoder failed to flush with code " + bytes);
    }
    out.write(mp3, 0, bytes);
    out.close();
    target.commit();
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      lame.lame_close(flags);
    }
    out.close();
    if (!done) {
      target.discard();
    }
  }
}
