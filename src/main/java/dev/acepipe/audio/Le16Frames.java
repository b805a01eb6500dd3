package dev.acepipe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian 16-bit bytes from a stream regrouped into whole interleaved frames: a decoder or a
 * socket hands out byte runs of any length, the meters and writers want whole frames. A partial
 * trailing frame is dropped. Not thread-safe; closing it closes the stream.
 */
public final class Le16Frames implements PcmStream {
  private final InputStream in;
  private final int rate;
  private final int channels;
  private final int frameBytes;
  private final boolean fillRoom;
  private final byte[] bytes = new byte[1 << 16];
  private long remaining;
  private int carry;

  /**
   * Frames of {@code channels} samples at {@code rate} from at most {@code limitBytes} of {@code
   * in}. With {@code fillRoom} every read fills the caller's room unless the bytes end, so the
   * blocks do not depend on how the bytes arrived; otherwise a read returns as soon as a whole
   * frame is there.
   */
  public Le16Frames(InputStream in, int rate, int channels, long limitBytes, boolean fillRoom) {
    this.in = in;
    this.rate = rate;
    this.channels = channels;
    this.frameBytes = 2 * channels;
    this.remaining = limitBytes;
    this.fillRoom = fillRoom;
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
    int room =
        Math.min(max / (frameBytes / 2) * frameBytes, bytes.length / frameBytes * frameBytes);
    if (room <= 0) {
      throw new IllegalArgumentException("room for less than one frame: " + max + " samples");
    }
    while ((fillRoom ? carry < room : carry < frameBytes) && remaining > 0) {
      int r = in.read(bytes, carry, (int) Math.min(room - carry, remaining));
      if (r < 0) {
        break;
      }
      carry += r;
      remaining -= r;
    }
    if (carry < frameBytes) {
      return -1;
    }
    int whole = Math.min(carry, room) / frameBytes * frameBytes;
    ByteBuffer.wrap(bytes, 0, whole)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(out, offset, whole / 2);
    System.arraycopy(bytes, whole, bytes, 0, carry - whole);
    carry -= whole;
    return whole / 2;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    in.close();
  }
}
