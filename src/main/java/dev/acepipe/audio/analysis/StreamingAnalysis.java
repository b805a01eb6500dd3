package dev.acepipe.audio.analysis;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.DecodedPcmStream;
import dev.acepipe.audio.PcmStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;
import org.jflac.sound.spi.FlacAudioFileReader;

/**
 * Measures a file while its bytes are still arriving: the downloader writes every chunk it receives
 * here (besides the disk), and a thread of its own measures them with {@link AudioAnalyzer}, so on
 * a machine with a spare core the checks are done when the last byte lands. FLAC and MP3 are
 * decoded on one more thread ({@link DecodedPcmStream}), or an MP3 by FFmpeg in a process of its
 * own when one is given ({@link FfmpegDecoder}), so decoding and measuring overlap.
 *
 * <p>Memory is bounded: at most {@value #QUEUED_CHUNKS} chunks wait between the two threads; when
 * the analysis falls behind, {@link #write} blocks, which slows the download rather than growing
 * the heap. The decoders are the ones used on the finished file ({@code AudioFiles.openPcm}, or the
 * same FFmpeg), so the measurement is the same.
 *
 * <p>Use: {@code write} the bytes in order, then {@link #finish()} for the result; {@link #close()}
 * without {@code finish()} abandons the analysis (a failed download). Failures of the analysis
 * (audio it cannot decode as a stream) surface in {@code finish()}, never in {@code write}, so a
 * caller can always fall back to measuring the finished file. One writer thread.
 */
public final class StreamingAnalysis extends OutputStream {
  /** Chunks that may wait for the analysis thread. */
  static final int QUEUED_CHUNKS = 32;

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final CompletableFuture<AudioAnalysis> result = new CompletableFuture<>();
  private final Thread worker;
  private volatile boolean abandoned;
  private boolean ended;

  /** Starts the analysis thread with the Java decoders; it waits for bytes. */
  public StreamingAnalysis(AudioAnalyzer analyzer) {
    this(analyzer, null);
  }

  /**
   * Starts the analysis thread; it waits for bytes. An MP3 is decoded by {@code mp3} (FFmpeg), or
   * by the Java decoder when {@code mp3} is null.
   */
  public StreamingAnalysis(AudioAnalyzer analyzer, FfmpegDecoder mp3) {
    this.worker =
        new Thread(
            () -> {
              try (InputStream in = new BufferedInputStream(new QueueInput(), 1 << 16)) {
                result.complete(measure(analyzer, mp3, in));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              } finally {
                queue.clear(); // the writer stops handing over bytes once the result is done
              }
            },
            "take-analysis");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (ended) {
      throw new IOException("write after finish or close");
    }
    if (len == 0 || result.isDone()) {
      return; // a failed analysis or one that stopped reading needs no more bytes
    }
    put(Arrays.copyOfRange(b, off, off + len));
  }

  /**
   * Marks the end of the bytes and waits for the measurement.
   *
   * @throws IOException when the bytes could not be decoded or measured as they came
   */
  public AudioAnalysis finish() throws IOException {
    if (!ended) {
      ended = true;
      put(END);
    }
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the take's analysis");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io
          ? io
          : new IOException("cannot measure the take while it downloads: " + cause, cause);
    }
  }

  /** Abandons an unfinished analysis (the download failed); the thread ends promptly. */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      abandoned = true;
      worker.interrupt();
    }
  }

  private void put(byte[] chunk) throws IOException {
    try {
      while (!result.isDone()) {
        if (queue.offer(chunk, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing bytes to the take's analysis");
    }
  }

  private static AudioAnalysis measure(AudioAnalyzer analyzer, FfmpegDecoder mp3, InputStream in)
      throws IOException {
    in.mark(16);
    byte[] head = in.readNBytes(12);
    in.reset();
    AudioFormat format =
        AudioFiles.sniff(head, head.length)
            .orElseThrow(() -> new IOException("not a WAV, FLAC or MP3 stream"));
    if (format == AudioFormat.WAV) {
      try (PcmStream pcm = WavStream.open(in)) {
        return analyzer.analyze(pcm);
      }
    }
    if (format == AudioFormat.MP3 && mp3 != null) {
      try (PcmStream pcm = mp3.decode(in)) {
        return analyzer.analyze(pcm);
      }
    }
    try {
      AudioInputStream coded =
          format == AudioFormat.FLAC
              ? new FlacAudioFileReader().getAudioInputStream(in)
              : new MpegAudioFileReader().getAudioInputStream(in);
      try (PcmStream pcm = DecodedPcmStream.of(coded)) {
        return analyzer.analyze(pcm);
      }
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw new IOException("not audio this analysis can decode as a stream: " + e.getMessage(), e);
    }
  }

  /** The bytes handed over by {@link #write}, in order, until the end marker. */
  private final class QueueInput extends InputStream {
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean end;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos == chunk.length) {
        if (end) {
          return -1;
        }
        if (abandoned) { // also when a decoder swallowed the interrupt and reads again
          throw new InterruptedIOException("download abandoned");
        }
        if (result.isDone()) { // the analysis failed while FFmpeg's feeder still read
          throw new IOException("the take's analysis has ended");
        }
        byte[] next;
        try {
          // Polled, so a reader that no interrupt reaches (FFmpeg's feeder) also sees the abandon.
          next = queue.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          throw new InterruptedIOException(abandoned ? "download abandoned" : "interrupted");
        }
        if (next == null) {
          continue;
        }
        chunk = next;
        pos = 0;
        end = chunk == END;
      }
      int n = Math.min(len, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
