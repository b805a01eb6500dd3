package dev.acepipe.server;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.Pcm;
import java.io.IOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;

/**
 * The take-level faults: a rendered file rewritten as silence or as a hard-clipped copy, in its own
 * format, so that a client's audio checks (and {@code on_fail: reroll}) can be tested end to end.
 */
final class BrokenTakes {
  /** How hard a clipped take is driven: +18 dB, then saturated at full scale. */
  private static final double CLIP_GAIN = 8.0;

  private BrokenTakes() {}

  static void apply(Faults.TakeFault fault, Path file) throws IOException {
    if (fault == Faults.TakeFault.NONE) {
      return;
    }
    Pcm pcm = AudioFiles.read(file);
    Pcm broken;
    if (fault == Faults.TakeFault.SILENT) {
      broken = Pcm.silence(pcm.sampleRate(), pcm.channels(), pcm.frames());
    } else {
      ShortBuffer in = pcm.samples();
      short[] out = new short[in.remaining()];
      for (int i = 0; i < out.length; i++) {
        long v = Math.round(in.get(i) * CLIP_GAIN);
        out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
      }
      broken = Pcm.adopt(pcm.sampleRate(), pcm.channels(), out);
    }
    AudioFiles.write(broken, AudioFiles.detect(file), file);
  }
}
