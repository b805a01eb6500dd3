package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Plain RIFF/WAVE PCM 16-bit writer; the header's sizes are patched at commit. */
final class WavSink implements AudioSink {
  private static final int HEADER = 44;

  private final TempTarget target;
  private final FileChannel channel;
  private final int sampleRate;
  private final int channels;
  private final ByteBuffer buffer = WavFiles.ioBuffer();
  private long dataBytes;
  private boolean done;

  WavSink(Path out, int sampleRate, int channels) throws IOException {
    this.target = new TempTarget(out);
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.channel =
        FileChannel.open(
            target.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    channel.write(header(0), 0);
    channel.position(HEADER);
  }

  @Override
  public void write(short[] interleaved, int offsetFrames, int frames) throws IOException {
    int i = offsetFrames * channels;
    int end = i + frames * channels;
    while (i < end) {
      int n = Math.min(end - i, buffer.remaining() / 2);
      buffer.asShortBuffer().put(interleaved, i, n);
      buffer.position(buffer.position() + n * 2);
      i += n;
      if (!buffer.hasRemaining()) {
        flush();
      }
    }
    dataBytes += (long) frames * channels * 2;
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  private ByteBuffer header(long data) {
    if (data > 0xFFFF_FFFFL - 36) {
      throw new IllegalStateException("WAV data over 4 GiB");
    }
    ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    h.put(new byte[] {'R', 'I', 'F', 'F'})
        .putInt((int) (36 + data))
        .put(new byte[] {'W', 'A', 'V', 'E'});
    h.put(new byte[] {'f', 'm', 't', ' '})
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) channels);
    h.putInt(sampleRate)
        .putInt(sampleRate * channels * 2)
        .putShort((short) (channels * 2))
        .putShort((short) 16);
    h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) data);
    return h.flip();
  }

  @Override
  public void commit() throws IOException {
    flush();
    channel.write(header(dataBytes), 0);
    channel.close();
    target.commit();
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.close();
    }
    if (!done) {
      target.discard();
    }
  }
}
