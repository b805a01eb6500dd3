package dev.acepipe.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The 16-bit little-endian output of a javax.sound decoder as whole frames, decoded ahead on a
 * thread of its own: the reader (the meters, a writer) works on one block while the decoder fills
 * the next, so on two cores decoding and measuring overlap instead of adding up.
 *
 * <p>At most {@value #AHEAD} blocks of {@value #BLOCK_FRAMES} frames wait for the reader, so memory
 * stays bounded; blocks are handed over whole and in order, so the reader sees the same blocks
 * however the threads are scheduled. A decoder failure surfaces in {@link #read} as the exception
 * the decoder threw. {@link #close()} stops the decoding thread and closes the decoder. One reader
 * thread.
 */
public final class DecodedPcmStream implements PcmStream {
  /** Frames per decoded block. */
  static final int BLOCK_FRAMES = 8192;

  /** Blocks that may wait for the reader. */
  static final int AHEAD = 8;

  /** A decoded block, the end of the audio (count -1), or the decoder's failure. */
  private record Block(short[] samples, int count, Throwable failure) {}

  private static final Block END = new Block(new short[0], -1, null);

  private final Le16Frames frames;
  private final int channels;
  private final BlockingQueue<Block> ready = new ArrayBlockingQueue<>(AHEAD);
  private final BlockingQueue<short[]> spare = new ArrayBlockingQueue<>(AHEAD + 2);
  private final Thread decoder;
  private volatile boolean closed;
  private Block current;
  private int pos;

  /**
   * Decodes {@code coded} (a javax.sound decoder's stream) to signed 16-bit PCM at its own rate and
   * channel count.
   *
   * @throws IllegalArgumentException when javax.sound has no such conversion, or the decoder
   *     reports no rate or channels
   */
  public static DecodedPcmStream of(AudioInputStream coded) {
    javax.sound.sampled.AudioFormat src = coded.getFormat();
    javax.sound.sampled.AudioFormat target =
        new javax.sound.sampled.AudioFormat(
            src.getSampleRate(), 16, src.getChannels(), true, false);
    return new DecodedPcmStream(
        AudioSystem.getAudioInputStream(target, coded),
        Math.round(src.getSampleRate()),
        src.getChannels());
  }

  public DecodedPcmStream(InputStream in, int rate, int channels) {
    if (rate <= 0 || channels <= 0) {
      throw new IllegalArgumentException("decoder reports rate " + rate + ", channels " + channels);
    }
    this.frames = new Le16Frames(in, rate, channels, Long.MAX_VALUE, false);
    this.channels = channels;
    this.decoder = new Thread(this::decode, "pcm-decode");
    decoder.setDaemon(true);
    decoder.start();
  }

  private void decode() {
    try {
      while (!closed) {
        short[] block = spare.poll();
        if (block == null) {
          block = new short[BLOCK_FRAMES * channels];
        }
        int n = frames.read(block, 0, block.length);
        ready.put(n < 0 ? END : new Block(block, n, null));
        if (n < 0) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed: the reader is gone
    } catch (Throwable e) {
      if (!closed) {
        ready.offer(new Block(null, -1, e)); // the reader takes blocks until this one, in order
      }
    }
  }

  @Override
  public int sampleRate() {
    return frames.sampleRate();
  }

  @Override
  public int channels() {
    return frames.channels();
  }

  @Override
  public int read(short[] out, int offset, int max) throws IOException {
    if (closed) {
      throw new IOException("read after close");
    }
    if (max < channels) {
      throw new IllegalArgumentException("room for less than one frame: " + max + " samples");
    }
    if (current == null || pos == current.count()) {
      if (current != null && current.count() > 0) {
        spare.offer(current.samples());
      }
      current = next();
      pos = 0;
    }
    if (current.count() < 0) {
      return -1;
    }
    int n = Math.min(max - max % channels, current.count() - pos);
    System.arraycopy(current.samples(), pos, out, offset, n);
    pos += n;
    return n;
  }

  private Block next() throws IOException {
    Block b;
    try {
      b = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for decoded audio");
    }
    if (b.failure() != null) {
      ready.offer(b); // every later read fails the same way
      throw rethrown(b.failure());
    }
    if (b.count() < 0) {
      ready.offer(END);
    }
    return b;
  }

  private static IOException rethrown(Throwable failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new IOException(failure);
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      decoder.interrupt();
      try {
        decoder.join(1000); // the decoder must be done with the stream before it is closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      frames.close();
    }
  }
}
