package dev.acepipe.server.synth;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.AudioSink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes a take block by block with mixing and encoding overlapped: a producer thread fills blocks
 * in order while the calling thread encodes them. Blocks travel through a FIFO, so the file's bytes
 * never depend on scheduling.
 */
final class BlockPipeline {
  /**
   * Fills frames {@code [from, from + count)} as interleaved stereo; called with ascending,
   * adjacent ranges.
   */
  @FunctionalInterface
  interface BlockSource {
    void fill(long from, int count, short[] out);
  }

  private static final int DEPTH = 8;
  private static final short[] END = new short[0];

  private BlockPipeline() {}

  static void write(AudioFormat format, Path out, long frames, BlockSource source)
      throws IOException {
    BlockingQueue<short[]> full = new ArrayBlockingQueue<>(DEPTH + 1);
    BlockingQueue<short[]> empty = new ArrayBlockingQueue<>(DEPTH + 1);
    for (int i = 0; i < DEPTH; i++) {
      empty.add(new short[Renderer.BLOCK * 2]);
    }
    Throwable[] failure = new Throwable[1];
    Thread producer =
        new Thread(
            () -> {
              try {
                for (long f = 0; f < frames; f += Renderer.BLOCK) {
                  short[] block = empty.take();
                  source.fill(f, (int) Math.min(Renderer.BLOCK, frames - f), block);
                  full.put(block);
                }
              } catch (InterruptedException e) {
                return; // the consumer gave up; nobody waits for more blocks
              } catch (RuntimeException | Error e) {
                failure[0] = e;
              }
              full.offer(END);
            },
            "synth-mix");
    producer.setDaemon(true);
    producer.start();
    try (AudioSink sink = AudioFiles.openSink(format, out, ProceduralSynthesizer.RATE, 2)) {
      for (long f = 0; f < frames; f += Renderer.BLOCK) {
        short[] block = full.take();
        if (block == END) {
          break;
        }
        sink.write(block, 0, (int) Math.min(Renderer.BLOCK, frames - f));
        empty.put(block);
      }
      producer.join();
      if (failure[0] instanceof RuntimeException e) {
        throw e;
      } else if (failure[0] instanceof Error e) {
        throw e;
      }
      sink.commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while rendering " + out);
    } finally {
      producer.interrupt();
    }
  }
}
