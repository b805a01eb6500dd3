package dev.acepipe.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * FLAC writer on our own frame encoder ({@link FlacFrames}): 4096-frame blocks, fixed predictors,
 * the cheapest stereo decorrelation, Rice-coded residuals. STREAMINFO is written first with
 * placeholders and completed on {@link #commit()} with the sample count, the frame size range and
 * the MD5 of the audio, so any FLAC decoder can verify the file. Output bytes depend only on the
 * samples.
 */
final class FlacSink implements AudioSink {
  private static final int BLOCK = FlacFrames.MAX_BLOCK;
  private static final int STREAMINFO_AT = 4 + 4; // after "fLaC" and the metadata block header
  private static final int PADDING = 40;

  private final TempTarget target;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 18);
  private final FlacFrames frames;
  private final MessageDigest md5;
  private final byte[] md5Bytes;
  private final int sampleRate;
  private final int channels;
  private final short[] pending;
  private int pendingFrames;
  private long frameNumber;
  private long totalFrames;
  private int minFrameBytes = Integer.MAX_VALUE;
  private int maxFrameBytes;
  private boolean done;

  FlacSink(Path out, int sampleRate, int channels) throws IOException {
    if (sampleRate <= 0 || sampleRate >= 1 << 20 || channels < 1 || channels > 8) {
      throw new IOException("FLAC cannot hold " + sampleRate + " Hz, " + channels + " channels");
    }
    this.target = new TempTarget(out);
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.frames = new FlacFrames(channels, sampleRate);
    this.pending = new short[BLOCK * channels];
    this.md5Bytes = new byte[BLOCK * channels * 2];
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides MD5", e);
    }
    this.channel =
        FileChannel.open(
            target.temp(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    buffer.put(new byte[] {'f', 'L', 'a', 'C'});
    buffer.put(streamInfo(new byte[16]));
    // a padding block after STREAMINFO: jflac cannot decode a stream whose only metadata block is
    // STREAMINFO, and
    // taggers can use the room
    buffer.putInt(0x80 << 24 | 1 << 24 | PADDING).put(new byte[PADDING]);
  }

  @Override
  public void write(short[] interleaved, int offsetFrames, int count) throws IOException {
    int from = offsetFrames * channels;
    int remaining = count;
    if (pendingFrames == 0) { // whole blocks straight from the caller's array, no copy
      while (remaining >= BLOCK) {
        frame(interleaved, from, BLOCK);
        from += BLOCK * channels;
        remaining -= BLOCK;
      }
    }
    while (remaining > 0) {
      int n = Math.min(remaining, BLOCK - pendingFrames);
      System.arraycopy(interleaved, from, pending, pendingFrames * channels, n * channels);
      pendingFrames += n;
      from += n * channels;
      remaining -= n;
      if (pendingFrames == BLOCK) {
        frame(pending, 0, BLOCK);
        pendingFrames = 0;
      }
    }
  }

  private void frame(short[] pcm, int offset, int n) throws IOException {
    byte[] encoded = frames.encode(pcm, offset, n, frameNumber++);
    int length = frames.length();
    put(encoded, length);
    minFrameBytes = Math.min(minFrameBytes, length);
    maxFrameBytes = Math.max(maxFrameBytes, length);
    totalFrames += n;
    // the signature covers the samples as little-endian bytes, interleaved
    int samples = n * channels;
    for (int i = 0, b = 0; i < samples; i++, b += 2) {
      short v = pcm[offset + i];
      md5Bytes[b] = (byte) v;
      md5Bytes[b + 1] = (byte) (v >> 8);
    }
    md5.update(md5Bytes, 0, samples * 2);
  }

  private void put(byte[] b, int length) throws IOException {
    int i = 0;
    while (i < length) {
      int n = Math.min(length - i, buffer.remaining());
      buffer.put(b, i, n);
      i += n;
      if (!buffer.hasRemaining()) {
        flush();
      }
    }
  }

  private void flush() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** The STREAMINFO block with its header, as the file holds it once the stream is complete. */
  private byte[] streamInfo(byte[] signature) {
    ByteBuffer b = ByteBuffer.allocate(4 + 34).order(ByteOrder.BIG_ENDIAN);
    b.putInt(34); // not the last metadata block (padding follows), type 0, 34 bytes
    b.putShort((short) BLOCK).putShort((short) BLOCK);
    int min = maxFrameBytes == 0 ? 0 : minFrameBytes; // 0 means unknown
    b.put((byte) (min >>> 16)).put((byte) (min >>> 8)).put((byte) min);
    b.put((byte) (maxFrameBytes >>> 16))
        .put((byte) (maxFrameBytes >>> 8))
        .put((byte) maxFrameBytes);
    long packed =
        (long) sampleRate << 44
            | (long) (channels - 1) << 41
            | 15L << 36
            | (totalFrames & 0xFFFFFFFFFL);
    b.putLong(packed);
    b.put(signature);
    return b.array();
  }

  @Override
  public void commit() throws IOException {
    if (pendingFrames > 0) {
      frame(pending, 0, pendingFrames);
      pendingFrames = 0;
    }
    flush();
    byte[] info = streamInfo(md5.digest());
    ByteBuffer head = ByteBuffer.wrap(info, 4, 34);
    long at = STREAMINFO_AT;
    while (head.hasRemaining()) {
      at += channel.write(head, at);
    }
    channel.close();
    target.commit();
    done = true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
    if (!done) {
      target.discard();
    }
  }
}
