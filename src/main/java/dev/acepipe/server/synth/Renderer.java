package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Mixes a score into 16-bit stereo, one ascending block at a time, without holding the whole track in memory.
 * Each sample is a pure function of its absolute frame (oscillator phase and envelope are computed from the
 * note's start, never carried between blocks), so the block size never changes the result.
 *
 * <p>Not thread-safe: one renderer per take.
 */
final class Renderer {
  static final int BLOCK = 4096;
  private static final int CONTROL = 32;
  private static final int PHASE_SHIFT = 32 - Timbre.TABLE_BITS;
  private static final float MASTER = 0.85f;
  private static final int FADE_IN = 240;
  private static final int FADE_OUT = 2400;

  private final Note[] notes;
  private final long songFrames;
  private final List<Note> active = new ArrayList<>();
  private final float[] left = new float[BLOCK];
  private final float[] right = new float[BLOCK];
  private int next;
  private long position = Long.MIN_VALUE;

  Renderer(List<Note> sortedNotes, long songFrames) {
    this.notes = sortedNotes.toArray(new Note[0]);
    this.songFrames = songFrames;
  }

  /**
   * Writes frames {@code [from, from + count)} as interleaved stereo into {@code out}. Calls must ascend and not
   * overlap; {@code count <= BLOCK}.
   */
  void render(long from, int count, short[] out) {
    if (from < position || count > BLOCK) {
      throw new IllegalArgumentException("blocks must ascend and hold at most " + BLOCK + " frames");
    }
    long to = from + count;
    active.removeIf(n -> n.end() <= from);
    while (next < notes.length && notes[next].start < to) {
      Note n = notes[next++];
      if (n.end() > from) {
        active.add(n);
      }
    }
    java.util.Arrays.fill(left, 0, count, 0f);
    java.util.Arrays.fill(right, 0, count, 0f);
    for (Note n : active) {
      mix(n, from, to);
    }
    position = to;
    for (int i = 0; i < count; i++) {
      long frame = from + i;
      float gain = MASTER;
      if (frame < FADE_IN) {
        gain *= (frame + 1) / (float) (FADE_IN + 1);
      }
      long left2end = songFrames - frame;
      if (left2end <= FADE_OUT) {
        gain *= Math.max(0, left2end - 1) / (float) FADE_OUT;
      }
      out[2 * i] = toShort(left[i] * gain);
      out[2 * i + 1] = toShort(right[i] * gain);
    }
  }

  /** A soft clip (cubic, flat at ±1.5) so loud passages bend instead of wrapping. */
  private static short toShort(float x) {
    float c = x > 1.5f ? 1.5f : x < -1.5f ? -1.5f : x;
    float y = c - (4f / 27f) * c * c * c;
    return (short) Math.round(y * 32767f);
  }

  private void mix(Note n, long from, long to) {
    long relStart = Math.max(from, n.start) - n.start;
    long relEnd = Math.min(to, n.end()) - n.start;
    int offset = (int) (n.start + relStart - from);
    float gl = n.gainLeft;
    float gr = n.gainRight;
    float[] table = n.timbre.table;
    if (n.timbre.oneShot) {
      for (int t = (int) relStart, o = offset; t < relEnd; t++, o++) {
        float v = table[t];
        left[o] += v * gl;
        right[o] += v * gr;
      }
      return;
    }
    int inc = (int) n.increment;
    int phase = (int) (relStart * n.increment); // int arithmetic wraps exactly like a 32-bit phase accumulator
    int o = offset;
    int t = (int) relStart;
    int end = (int) relEnd;
    Timbre timbre = n.timbre;
    while (t < end) {
      int k = t & -CONTROL;
      int segEnd = Math.min(k + CONTROL, end);
      float e0 = (float) timbre.envelope(k, n.gate);
      float slope = ((float) timbre.envelope(k + CONTROL, n.gate) - e0) * (1f / CONTROL);
      float l0 = e0 * gl;
      float r0 = e0 * gr;
      float ls = slope * gl;
      float rs = slope * gr;
      for (; t < segEnd; t++, o++) {
        float v = table[phase >>> PHASE_SHIFT];
        int d = t - k;
        left[o] += v * (l0 + ls * d);
        right[o] += v * (r0 + rs * d);
        phase += inc;
      }
    }
  }
}
