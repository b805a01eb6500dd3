package dev.acepipe.server.synth;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders one take of audio for the embedded server. Implementations are deterministic: the same
 * request and seed give byte-identical files. Thread-safe: the server's workers call it
 * concurrently.
 */
public interface Synthesizer {
  /**
   * Renders {@code request} with {@code seed} into {@code out} (48 kHz stereo, in {@code
   * request.audioFormat()}).
   *
   * @throws IOException if the source audio cannot be read or the output cannot be written
   */
  RenderedTake render(SynthRequest request, long seed, Path out) throws IOException;
}
