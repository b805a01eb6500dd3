package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Mixes a score into 16-bit stereo, one ascending block at a time, without holding the whole track
 * in memory. Each sample is a pure function of its absolute frame (oscillator phase and envelope
 * are computed from the note's start, never carried between blocks), so the block size never
 * changes the result.
 *
 * <p>Not thread-safe: one renderer per take.
 */
final class Renderer {
  static final int BLOCK = 4096;
  private static final float MASTER = 0.85f;
  private static final int FADE_IN = 240;
  private static final int FADE_OUT = 2400;

  private final Note[] notes;
  private final long songFrames;
  private final NoteCache cache;

  /** What sounds in the current block, in score order. */
  private final List<Voice> active = new ArrayList<>();

  private final List<Note> chord = new ArrayList<>();
  private final float[] left = new float[BLOCK];
  private final float[] right = new float[BLOCK];
  private int next;
  private long position = Long.MIN_VALUE;

  /**
   * The LoRA timbre change, 0..1: how much of the signal's first difference is added (a brighter
   * tone).
   */
  private final float colour;

  private float previousLeft;
  private float previousRight;

  Renderer(List<Note> sortedNotes, long songFrames) {
    this(sortedNotes, songFrames, NoteCache.DEFAULT_CAPACITY);
  }

  /**
   * A renderer whose output is brightened by {@code colour} (0..1), the embedded server's stand-in
   * for a LoRA.
   */
  Renderer(List<Note> sortedNotes, long songFrames, double colour) {
    this(sortedNotes, songFrames, NoteCache.DEFAULT_CAPACITY, colour);
  }

  /**
   * A renderer whose note cache holds at most {@code cacheFloats} floats (the output never depends
   * on it).
   */
  Renderer(List<Note> sortedNotes, long songFrames, long cacheFloats) {
    this(sortedNotes, songFrames, cacheFloats, 0);
  }

  private Renderer(List<Note> sortedNotes, long songFrames, long cacheFloats, double colour) {
    this.colour = (float) Math.max(0, Math.min(1, colour));
    this.notes = sortedNotes.toArray(new Note[0]);
    this.songFrames = songFrames;
    this.cache = new NoteCache(cacheFloats);
  }

  /**
   * Writes frames {@code [from, from + count)} as interleaved stereo into {@code out}. Calls must
   * ascend and not overlap; {@code count <= BLOCK}.
   */
  void render(long from, int count, short[] out) {
    if (from < position || count > BLOCK) {
      throw new IllegalArgumentException(
          "blocks must ascend and hold at most " + BLOCK + " frames");
    }
    long to = from + count;
    retire(from);
    while (next < notes.length && notes[next].start < to) {
      Note n = notes[next++];
      chord.clear();
      chord.add(n);
      // a chord (same start, gate, timbre and loudness, as pads, strings and piano play) mixes as
      // one stereo voice
      while (!n.timbre.oneShot
          && next < notes.length
          && notes[next].start == n.start
          && notes[next].gate == n.gate
          && notes[next].timbre == n.timbre
          && notes[next].amplitude == n.amplitude) {
        chord.add(notes[next++]);
      }
      if (n.end() <= from) {
        continue;
      }
      if (chord.size() == 1) {
        float[] samples = cache.of(n);
        active.add(new Voice(n.start, n.length, samples, samples, n.gainLeft, n.gainRight));
      } else {
        float[][] stereo = cache.chord(chord);
        float gain = (float) n.amplitude;
        active.add(new Voice(n.start, n.length, stereo[0], stereo[1], gain, gain));
      }
    }
    java.util.Arrays.fill(left, 0, count, 0f);
    java.util.Arrays.fill(right, 0, count, 0f);
    for (int i = 0; i < active.size(); i++) {
      mix(active.get(i), from, to);
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
      float l = left[i];
      float r = right[i];
      if (colour > 0) {
        // a first-difference high shelf: the previous frame is the one before in the score, also
        // across blocks
        float dl = l - previousLeft;
        float dr = r - previousRight;
        previousLeft = l;
        previousRight = r;
        l += 2.5f * colour * dl;
        r += 2.5f * colour * dr;
      }
      out[2 * i] = toShort(l * gain);
      out[2 * i + 1] = toShort(r * gain);
    }
  }

  /** Drops the voices that ended before {@code from}, keeping the others in order. */
  private void retire(long from) {
    active.removeIf(v -> v.start + v.length <= from);
  }

  /** For benchmarks: what the note cache rendered and how often it was emptied. */
  String cacheStats() {
    return cache.stats();
  }

  /** A soft clip (cubic, flat at ±1.5) so loud passages bend instead of wrapping. */
  private static short toShort(float x) {
    float c = x > 1.5f ? 1.5f : x < -1.5f ? -1.5f : x;
    float y = c - (4f / 27f) * c * c * c;
    return (short) Math.round(y * 32767f);
  }

  private void mix(Voice v, long from, long to) {
    int src = (int) (Math.max(from, v.start) - v.start);
    int count = (int) (Math.min(to, v.start + v.length) - v.start) - src;
    int dst = (int) (v.start + src - from);
    float[] a = v.left;
    float[] b = v.right;
    float gl = v.gainLeft;
    float gr = v.gainRight;
    // plain indexed loops over float arrays: the JIT turns these into vector multiply-adds
    for (int i = 0; i < count; i++) {
      left[dst + i] += a[src + i] * gl;
    }
    for (int i = 0; i < count; i++) {
      right[dst + i] += b[src + i] * gr;
    }
  }

  /**
   * Samples sounding from {@code start} for {@code length} frames: a note's mono samples with its
   * pan gains, or a chord's premixed stereo with the chord's loudness on both sides.
   */
  private record Voice(
      long start, int length, float[] left, float[] right, float gainLeft, float gainRight) {}
}
