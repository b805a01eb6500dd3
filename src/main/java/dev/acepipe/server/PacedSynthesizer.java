package dev.acepipe.server;

import dev.acepipe.server.synth.RenderedTake;
import dev.acepipe.server.synth.SynthRequest;
import dev.acepipe.server.synth.Synthesizer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Pads each take to a fixed wall time; see {@link
 * EmbeddedServerConfig#withFixedTakeSeconds(double)}.
 */
record PacedSynthesizer(Synthesizer inner, double seconds) implements Synthesizer {
  @Override
  public RenderedTake render(SynthRequest request, long seed, Path out) throws IOException {
    long deadline = System.nanoTime() + Math.round(seconds * 1e9);
    RenderedTake take = inner.render(request, seed, out);
    long left = deadline - System.nanoTime();
    if (left > 0) {
      try {
        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        // The server is closing; keep the flag for the worker loop and end the take.
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing a take");
      }
    }
    return take;
  }
}
