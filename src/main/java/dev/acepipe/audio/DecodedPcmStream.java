package dev.acepipe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian 16-bit bytes from a javax.sound decoder, regrouped into whole frames: the decoder
 * hands out byte runs of any length, the meters and writers want whole interleaved frames.
 */
public final class DecodedPcmStream implements PcmStream {
  private final InputStream in;
  private final int rate;
  private final int channels;
  private final byte[] bytes = new byte[1 << 16];
  private int carry;

  public DecodedPcmStream(InputStream in, int rate, int channels) {
    if (rate <= 0 || channels <= 0) {
      throw new IllegalArgumentException("decoder reports rate " + rate + ", channels " + channels);
    }
    this.in = in;
    this.rate = rate;
    this.channels = channels;
  }

  @Override
  public int sampleRate() {
    return rate;
  }

  @Override
  public int channels() {
    return channels;
  }

  @Override
  public int read(short[] out, int offset, int max) throws IOException {
    int frameBytes = 2 * channels;
    int room = Math.min(max / channels * frameBytes, bytes.length / frameBytes * frameBytes);
    if (room <= 0) {
      throw new IllegalArgumentException("room for less than one frame: " + max + " samples");
    }
    while (carry < frameBytes) {
      int r = in.read(bytes, carry, room - carry);
      if (r < 0) {
        return -1; // a partial trailing frame is dropped
      }
      carry += r;
    }
    int whole = carry / frameBytes * frameBytes;
    ByteBuffer.wrap(bytes, 0, whole)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(out, offset, whole / 2);
    System.arraycopy(bytes, whole, bytes, 0, carry - whole);
    carry -= whole;
    return whole / 2;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
