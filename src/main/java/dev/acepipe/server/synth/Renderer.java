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
  private static final float MASTER = 0.85f;
  private static final int FADE_IN = 240;
  private static final int FADE_OUT = 2400;

  private final Note[] notes;
  private final long songFrames;
  private final NoteCache cache;
  /** Notes sounding in the current block, with their samples beside them (same index). */
  private final List<Note> active = new ArrayList<>();
  private final List<float[]> activeSamples = new ArrayList<>();
  private final float[] left = new float[BLOCK];
  private final float[] right = new float[BLOCK];
  private int next;
  private long position = Long.MIN_VALUE;

  Renderer(List<Note> sortedNotes, long songFrames) {
    this(sortedNotes, songFrames, NoteCache.DEFAULT_CAPACITY);
  }

  /** A renderer whose note cache holds at most {@code cacheFloats} floats (the output never depends on it). */
  Renderer(List<Note> sortedNotes, long songFrames, long cacheFloats) {
    this.notes = sortedNotes.toArray(new Note[0]);
    this.songFrames = songFrames;
    this.cache = new NoteCache(cacheFloats);
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
    retire(from);
    while (next < notes.length && notes[next].start < to) {
      Note n = notes[next++];
      if (n.end() > from) {
        active.add(n);
        activeSamples.add(cache.of(n));
      }
    }
    java.util.Arrays.fill(left, 0, count, 0f);
    java.util.Arrays.fill(right, 0, count, 0f);
    for (int i = 0; i < active.size(); i++) {
      mix(active.get(i), activeSamples.get(i), from, to);
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

  /** Drops the notes that ended before {@code from}, keeping both lists aligned and in order. */
  private void retire(long from) {
    int kept = 0;
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i).end() > from) {
        active.set(kept, active.get(i));
        activeSamples.set(kept, activeSamples.get(i));
        kept++;
      }
    }
    active.subList(kept, active.size()).clear();
    activeSamples.subList(kept, activeSamples.size()).clear();
  }

  /** Distinct notes rendered so far (for benchmarks). */
  int distinctNotes() {
    return cache.misses();
  }

  /** A soft clip (cubic, flat at ±1.5) so loud passages bend instead of wrapping. */
  private static short toShort(float x) {
    float c = x > 1.5f ? 1.5f : x < -1.5f ? -1.5f : x;
    float y = c - (4f / 27f) * c * c * c;
    return (short) Math.round(y * 32767f);
  }

  private void mix(Note n, float[] samples, long from, long to) {
    int src = (int) (Math.max(from, n.start) - n.start);
    int count = (int) (Math.min(to, n.end()) - n.start) - src;
    int dst = (int) (n.start + src - from);
    float gl = n.gainLeft;
    float gr = n.gainRight;
    // plain indexed loops over float arrays: the JIT turns these into vector multiply-adds
    for (int i = 0; i < count; i++) {
      left[dst + i] += samples[src + i] * gl;
    }
    for (int i = 0; i < count; i++) {
      right[dst + i] += samples[src + i] * gr;
    }
  }
}
