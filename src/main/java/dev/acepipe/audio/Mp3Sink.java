package dev.acepipe.audio;

import de.sciss.jump3r.lowlevel.LameEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** MP3 writer on jump3r: constant 192 kbit/s joint stereo, so the same PCM always gives the same bytes. */
final class Mp3Sink implements AudioSink {
  private static final int KBPS = 192;

  private final TempTarget target;
  private final OutputStream out;
  private final LameEncoder encoder;
  private final int channels;
  private final byte[] pcm;
  private final byte[] mp3;
  private final ByteBuffer pcmView;
  private int pcmFill;
  private boolean done;

  Mp3Sink(Path path, int sampleRate, int channels) throws IOException {
    this.target = new TempTarget(path);
    this.channels = channels;
    javax.sound.sampled.AudioFormat source = new javax.sound.sampled.AudioFormat(sampleRate, 16, channels, true, false);
    int mode = channels == 1 ? LameEncoder.CHANNEL_MODE_MONO : LameEncoder.CHANNEL_MODE_JOINT_STEREO;
    this.encoder = new LameEncoder(source, KBPS, mode, LameEncoder.QUALITY_LOW, false);
    this.pcm = new byte[encoder.getPCMBufferSize()];
    this.mp3 = new byte[encoder.getMP3BufferSize()];
    this.pcmView = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
    this.out = new BufferedOutputStream(Files.newOutputStream(target.temp()), 1 << 16);
  }

  @Override
  public void write(short[] interleaved, int offsetFrames, int frames) throws IOException {
    int i = offsetFrames * channels;
    int end = i + frames * channels;
    while (i < end) {
      int n = Math.min(end - i, (pcm.length - pcmFill) / 2);
      pcmView.position(pcmFill);
      pcmView.asShortBuffer().put(interleaved, i, n);
      pcmFill += n * 2;
      i += n;
      if (pcmFill == pcm.length) {
        encodePending();
      }
    }
  }

  private void encodePending() throws IOException {
    if (pcmFill > 0) {
      int bytes = encoder.encodeBuffer(pcm, 0, pcmFill, mp3);
      out.write(mp3, 0, bytes);
      pcmFill = 0;
    }
  }

  @Override
  public void commit() throws IOException {
    encodePending();
    int bytes = encoder.encodeFinish(mp3);
    out.write(mp3, 0, bytes);
    out.close();
    target.commit();
    done = true;
  }

  @Override
  public void close() throws IOException {
    encoder.close();
    out.close();
    if (!done) {
      target.discard();
    }
  }
}
