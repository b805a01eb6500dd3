package dev.acepipe.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The decode-ahead stream hands the decoder's samples over whole, in order, and stops cleanly. */
class DecodedPcmStreamTest {
  /** Little-endian bytes of {@code samples}, handed out in runs of 1 to 7 bytes. */
  private static final class TricklingDecoder extends InputStream {
    private final byte[] bytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int pos;
    private int turn;

    TricklingDecoder(short[] samples) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (short s : samples) {
        out.write(s & 0xFF);
        out.write(s >> 8 & 0xFF);
      }
      this.bytes = out.toByteArray();
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + turn++ % 7), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  /** A decoder that never ends, as a download still under way. */
  private static final class EndlessDecoder extends InputStream {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public int read() {
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Arrays.fill(b, off, off + len, (byte) 1);
      return len;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  private static short[] readAll(PcmStream in, int max) throws IOException {
    short[] all = new short[0];
    short[] buf = new short[max];
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      assertThat(n % in.channels()).isZero();
      all = Arrays.copyOf(all, all.length + n);
      System.arraycopy(buf, 0, all, all.length - n, n);
    }
    return all;
  }

  @Test
  void deliversTheDecodersSamplesInWholeFramesDroppingAPartialLastFrame() throws IOException {
    short[] samples = new short[3 * DecodedPcmStream.BLOCK_FRAMES * 2 + 5];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (i * 37 - 20_000);
    }

    short[] got;
    try (DecodedPcmStream in = new DecodedPcmStream(new TricklingDecoder(samples), 48_000, 2)) {
      got = readAll(in, 1000);
    }

    assertThat(got).isEqualTo(Arrays.copyOf(samples, samples.length - 1));
  }

  @Test
  void aDecoderFailureSurfacesInReadAsTheDecoderThrewIt() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("corrupt frame 12");
          }
        };

    assertThatThrownBy(
            () -> {
              try (DecodedPcmStream in = new DecodedPcmStream(broken, 44_100, 1)) {
                readAll(in, 4096);
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage("corrupt frame 12");
  }

  @Test
  void closingBeforeTheEndStopsTheDecoderAndClosesItsInput() throws IOException {
    EndlessDecoder endless = new EndlessDecoder();
    DecodedPcmStream in = new DecodedPcmStream(endless, 48_000, 2);
    short[] buf = new short[4096];
    assertThat(in.read(buf, 0, buf.length)).isPositive();

    in.close();

    assertThat(endless.closed).isTrue();
    assertThatThrownBy(() -> in.read(buf, 0, buf.length)).hasMessage("read after close");
  }
}
