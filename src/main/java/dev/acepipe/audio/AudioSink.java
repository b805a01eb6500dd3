package dev.acepipe.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A streaming writer of 16-bit interleaved PCM into one audio file, written atomically: samples go
 * to a temp file beside the target, {@link #commit()} finishes the container and moves it into
 * place, and {@link #close()} without a commit deletes the temp file. Not thread-safe.
 *
 * <p>Open one with {@link AudioFiles#openSink(AudioFormat, Path, int, int)}.
 */
public interface AudioSink extends Closeable {
  /**
   * Appends {@code frames} frames from {@code interleaved}, starting at frame {@code offsetFrames}.
   */
  void write(short[] interleaved, int offsetFrames, int frames) throws IOException;

  /** Finishes the file and moves it to its target path. Further writes are errors. */
  void commit() throws IOException;

  /** Releases resources; deletes the temp file unless committed. Idempotent. */
  @Override
  void close() throws IOException;
}
