package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mono samples of whole notes (oscillator times envelope, before pan and gain), kept for reuse:
 * a song plays the same chord tones, bass roots and drum hits bar after bar, and a note's samples
 * depend only on its timbre, pitch and gate, never on where it starts. Rendering each distinct note
 * once turns most of the mixing into a multiply-add over two float arrays, which the JIT
 * vectorises.
 *
 * <p>The cache holds at most its capacity in floats and is emptied when full; callers keep the
 * arrays of the notes they are playing, so emptying it costs only recomputation, never a different
 * result. Not thread-safe: one per {@link Renderer}.
 */
final class NoteCache {
  /** About 32 MB; a ten-minute full-band song at 120 bpm holds 22 MB (61 notes, 21 chords). */
  static final int DEFAULT_CAPACITY = 8 << 20;

  /**
   * Envelope control period: the envelope is evaluated every 32 frames and interpolated linearly
   * between.
   */
  private static final int CONTROL = 32;

  private static final int PHASE_SHIFT = 32 - Timbre.TABLE_BITS;

  private record Key(Timbre timbre, long increment, int gate) {}

  private record Member(long increment, double panLeft, double panRight) {}

  private record ChordKey(Timbre timbre, int gate, List<Member> members) {}

  private final Map<Key, float[]> samples = new HashMap<>();
  private final Map<ChordKey, float[][]> chords = new HashMap<>();
  private final long capacity;
  private long held;
  private int misses;
  private int chordMisses;
  private int clears;

  NoteCache(long capacity) {
    this.capacity = capacity;
  }

  /**
   * The samples of {@code n} from its start to its end ({@code n.length} floats); shared, do not
   * modify.
   */
  float[] of(Note n) {
    if (n.timbre.oneShot) {
      return n.timbre.table;
    }
    Key key = new Key(n.timbre, n.increment, n.gate);
    float[] s = samples.get(key);
    if (s == null) {
      s = render(n.timbre, n.increment, n.gate, n.length);
      misses++;
      makeRoom(s.length);
      samples.put(key, s);
      held += s.length;
    }
    return s;
  }

  /**
   * The stereo sum of {@code notes} (same start, gate, timbre and amplitude), each panned but at
   * unit amplitude, as {left, right}; shared, do not modify. Pads, strings and piano repeat the
   * same chords all song long at varying loudness, so a chord of n notes mixes at the cost of one
   * and is stored once for every loudness.
   */
  float[][] chord(List<Note> notes) {
    Note first = notes.get(0);
    List<Member> members = new ArrayList<>(notes.size());
    for (Note n : notes) {
      members.add(new Member(n.increment, n.panLeft, n.panRight));
    }
    ChordKey key = new ChordKey(first.timbre, first.gate, members);
    float[][] stereo = chords.get(key);
    if (stereo == null) {
      float[] l = new float[first.length];
      float[] r = new float[first.length];
      for (Note n : notes) {
        // members are needed only here, so they are not kept: chords would otherwise be stored
        // twice
        float[] s = samples.get(new Key(n.timbre, n.increment, n.gate));
        if (s == null) {
          s = render(n.timbre, n.increment, n.gate, n.length);
        }
        float gl = (float) n.panLeft;
        float gr = (float) n.panRight;
        for (int t = 0; t < l.length; t++) {
          l[t] += s[t] * gl;
          r[t] += s[t] * gr;
        }
      }
      stereo = new float[][] {l, r};
      chordMisses++;
      makeRoom(2L * l.length);
      chords.put(key, stereo);
      held += 2L * l.length;
    }
    return stereo;
  }

  private void makeRoom(long floats) {
    if (held + floats > capacity) {
      clears++;
      samples.clear();
      chords.clear();
      held = 0;
    }
  }

  /** For benchmarks: notes and chords rendered so far, and how often the cache was emptied. */
  String stats() {
    return misses
        + " notes and "
        + chordMisses
        + " chords rendered, emptied "
        + clears
        + " times, holding "
        + held * 4 / 1_000_000
        + " MB";
  }

  /**
   * One note: a 32-bit phase accumulator reading the wavetable (int arithmetic wraps exactly like
   * the hardware accumulator it imitates), times the envelope interpolated over each control
   * period.
   */
  static float[] render(Timbre timbre, long increment, int gate, int length) {
    float[] out = new float[length];
    float[] table = timbre.table;
    int inc = (int) increment;
    int phase = 0;
    for (int k = 0; k < length; k += CONTROL) {
      int segEnd = Math.min(k + CONTROL, length);
      float e0 = (float) timbre.envelope(k, gate);
      float slope = ((float) timbre.envelope(k + CONTROL, gate) - e0) * (1f / CONTROL);
      for (int t = k; t < segEnd; t++) {
        out[t] = table[phase >>> PHASE_SHIFT] * (e0 + slope * (t - k));
        phase += inc;
      }
    }
    return out;
  }
}
