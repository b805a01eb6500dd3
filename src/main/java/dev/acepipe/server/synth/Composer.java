package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a {@link MusicPlan} into notes: a chord progression per section kind, pads/strings holding
 * the chords, piano or guitar comping, a bass line on roots and fifths, a melody from two-bar
 * motifs, and drums whose pattern follows the metre with the accent on beat one. Every pitch is
 * taken from the plan's scale.
 */
final class Composer {
  private static final int[][] MAJOR_PROGRESSIONS = {
    {0, 4, 5, 3}, {0, 5, 3, 4}, {5, 3, 0, 4}, {0, 3, 4, 3}, {0, 2, 3, 4}
  };
  private static final int[][] MINOR_PROGRESSIONS = {
    {0, 5, 2, 6}, {0, 3, 4, 0}, {0, 6, 5, 6}, {0, 5, 3, 4}, {5, 6, 0, 0}
  };
  private static final int[] CHORD_TONES = {0, 2, 4, 7};

  private final MusicPlan plan;
  private final SplittableRandom rng;
  private final DrumKit kit;
  private final Map<SectionKind, int[]> progressions = new EnumMap<>(SectionKind.class);
  private final Map<SectionKind, int[]> motifs = new EnumMap<>(SectionKind.class);
  private final List<Note> notes = new ArrayList<>();

  private Composer(MusicPlan plan, long seed) {
    this.plan = plan;
    this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.kit = new DrumKit(rng.nextLong());
  }

  /** The notes of {@code plan}, sorted by start frame. Deterministic for (plan, seed). */
  static List<Note> compose(MusicPlan plan, long seed) {
    Composer c = new Composer(plan, seed);
    c.chooseMaterial();
    c.placeNotes();
    c.notes.sort(Comparator.comparingLong(n -> n.start));
    return c.notes;
  }

  private void chooseMaterial() {
    int[][] pool = plan.key().minor() ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
    int verse = rng.nextInt(pool.length);
    int chorus = (verse + 1 + rng.nextInt(pool.length - 1)) % pool.length;
    int bridge = (chorus + 1 + rng.nextInt(pool.length - 1)) % pool.length;
    for (SectionKind k : SectionKind.values()) {
      int which =
          switch (k) {
            case CHORUS, OUTRO -> chorus;
            case BRIDGE, INSTRUMENTAL -> bridge;
            default -> verse;
          };
      progressions.put(k, pool[which]);
      motifs.put(k, motif());
    }
  }

  /**
   * Two bars of eighth-note slots: a scale-degree offset per slot, or {@code Integer.MIN_VALUE} for
   * a rest.
   */
  private int[] motif() {
    int slots = plan.beatsPerBar() * 4;
    int[] m = new int[slots];
    int previous = CHORD_TONES[rng.nextInt(CHORD_TONES.length)];
    for (int s = 0; s < slots; s++) {
      boolean strong = s % 2 == 0;
      if (rng.nextDouble() < (strong ? 0.8 : 0.4)) {
        previous =
            strong
                ? CHORD_TONES[rng.nextInt(CHORD_TONES.length)]
                : previous + (rng.nextBoolean() ? 1 : -1);
        m[s] = previous;
      } else {
        m[s] = Integer.MIN_VALUE;
      }
    }
    m[slots - 1] = Integer.MIN_VALUE; // breathe before the phrase repeats
    return m;
  }

  private void placeNotes() {
    int beats = plan.beatsPerBar();
    double framesPerBar = plan.framesPerBeat() * beats;
    int firstBar = (int) Math.floor(-plan.originFrame() / framesPerBar) - 1;
    int lastBar = (int) Math.ceil((plan.frames() - plan.originFrame()) / framesPerBar);
    for (int bar = firstBar; bar <= lastBar; bar++) {
      MusicPlan.Section section = plan.sectionAt(Math.max(bar, 0));
      int inSection = bar - section.firstBar();
      SectionKind kind = section.kind();
      double energy = kind.energy;
      if (kind == SectionKind.OUTRO) {
        energy *= 1 - 0.6 * Math.min(1, Math.max(0, inSection / (double) section.bars()));
      }
      int chord = progressions.get(kind)[Math.floorMod(inSection, 4)];
      long barStart = plan.beatFrame((double) bar * beats);
      int barFrames = (int) (plan.beatFrame((double) (bar + 1) * beats) - barStart);
      if (plan.instruments().contains(Instrument.PAD)) {
        pad(barStart, barFrames, chord, energy);
      }
      if (plan.instruments().contains(Instrument.STRINGS) && kind != SectionKind.VERSE) {
        strings(barStart, barFrames, chord, energy);
      }
      if (plan.instruments().contains(Instrument.PIANO)) {
        piano(bar, chord, energy);
      }
      if (plan.instruments().contains(Instrument.GUITAR)) {
        guitar(bar, chord, energy);
      }
      if (plan.instruments().contains(Instrument.BASS)) {
        bass(bar, chord, energy, kind);
      }
      if (plan.instruments().contains(Instrument.LEAD)
          && (kind.sung || kind == SectionKind.INSTRUMENTAL)) {
        melody(bar, inSection, chord, energy, kind);
      }
      if (plan.instruments().contains(Instrument.DRUMS)) {
        drums(bar, energy, kind);
      }
    }
  }

  private void pad(long start, int frames, int chord, double energy) {
    for (int i = 0; i < 3; i++) {
      double f = Note.frequency(plan.key().note(48, chord + 2 * i));
      // two slightly detuned voices spread left and right give the pad its width
      notes.add(new Note(start, frames, f * 1.0025, 0.05 * energy, -0.6, Timbre.PAD));
      notes.add(new Note(start, frames, f / 1.0025, 0.05 * energy, 0.6, Timbre.PAD));
    }
  }

  private void strings(long start, int frames, int chord, double energy) {
    for (int i = 0; i < 3; i++) {
      double f = Note.frequency(plan.key().note(60, chord + 2 * i));
      notes.add(new Note(start, frames, f, 0.045 * energy, 0.4 - 0.4 * i, Timbre.STRINGS));
    }
  }

  /** Beats in a bar where the comping instruments strike, by metre and energy. */
  private int[] compBeats(double energy) {
    return switch (plan.beatsPerBar()) {
      case 2 -> new int[] {0, 1};
      case 3 -> new int[] {0, 1, 2};
      case 6 -> new int[] {0, 3};
      default -> energy >= 0.9 ? new int[] {0, 1, 2, 3} : new int[] {0, 2};
    };
  }

  private void piano(int bar, int chord, double energy) {
    int[] hits = compBeats(energy);
    int beats = plan.beatsPerBar();
    for (int h = 0; h < hits.length; h++) {
      double beat = (double) bar * beats + hits[h];
      double next =
          h + 1 < hits.length ? (double) bar * beats + hits[h + 1] : (double) (bar + 1) * beats;
      long start = plan.beatFrame(beat);
      int gate = (int) (plan.beatFrame(next) - start);
      double accent = hits[h] == 0 ? 1.0 : 0.75;
      for (int i = 0; i < 3; i++) {
        double f = Note.frequency(plan.key().note(60, chord + 2 * i));
        notes.add(new Note(start, gate, f, 0.07 * energy * accent, -0.2 + 0.2 * i, Timbre.PIANO));
      }
    }
  }

  private void guitar(int bar, int chord, double energy) {
    int beats = plan.beatsPerBar();
    double step = energy >= 0.9 && beats != 6 ? 0.5 : 1;
    for (double b = 0; b < beats; b += step) {
      long start = plan.beatFrame(bar * beats + b);
      int gate = (int) (plan.beatFrame(bar * beats + b + step) - start);
      double accent = b == 0 ? 1.0 : b % 1 == 0 ? 0.8 : 0.6;
      for (int i = 0; i < 4; i++) {
        double f = Note.frequency(plan.key().note(48, chord + 2 * i));
        long strum = start + i * 240L; // 5 ms between strings, like a pick crossing them
        notes.add(new Note(strum, gate, f, 0.045 * energy * accent, 0.35, Timbre.GUITAR));
      }
    }
  }

  private void bass(int bar, int chord, double energy, SectionKind kind) {
    int beats = plan.beatsPerBar();
    if (energy < 0.7 || kind == SectionKind.INTRO) {
      long start = plan.beatFrame((double) bar * beats);
      int gate = (int) (plan.beatFrame((double) (bar + 1) * beats) - start);
      notes.add(
          new Note(
              start,
              gate,
              Note.frequency(plan.key().note(36, chord)),
              0.2 * energy,
              0,
              Timbre.BASS));
      return;
    }
    for (int b = 0; b < beats; b++) {
      long start = plan.beatFrame((double) bar * beats + b);
      int gate = (int) ((plan.beatFrame((double) bar * beats + b + 1) - start) * 0.85);
      int degree = b % 2 == 1 && beats >= 4 && kind == SectionKind.CHORUS ? chord + 4 : chord;
      double accent = b == 0 ? 1.0 : 0.8;
      notes.add(
          new Note(
              start,
              gate,
              Note.frequency(plan.key().note(36, degree)),
              0.2 * energy * accent,
              0,
              Timbre.BASS));
    }
  }

  private void melody(int bar, int inSection, int chord, double energy, SectionKind kind) {
    int[] motif = motifs.get(kind);
    int beats = plan.beatsPerBar();
    int half = Math.floorMod(inSection, 2);
    int lift = kind == SectionKind.CHORUS ? 2 : 0; // the chorus tune sits a third higher
    // eighth-note slots; in 6/8 the pulse already is the eighth, so the tune moves on pulses
    double slotBeats = beats == 6 ? 1.0 : 0.5;
    int perBar = beats == 6 ? beats : beats * 2;
    for (int s = 0; s < perBar; s++) {
      int slot = half * perBar + s;
      if (motif[slot] == Integer.MIN_VALUE) {
        continue;
      }
      int hold = 1;
      while (slot + hold < motif.length && motif[slot + hold] == Integer.MIN_VALUE && hold < 4) {
        hold++;
      }
      double beat = (double) bar * beats + s * slotBeats;
      long start = plan.beatFrame(beat);
      int gate = (int) ((plan.beatFrame(beat + hold * slotBeats) - start) * 0.9);
      int degree = chord + motif[slot] + 7 + lift;
      double accent = s == 0 ? 1.0 : s % 2 == 0 ? 0.85 : 0.7;
      notes.add(
          new Note(
              start,
              gate,
              Note.frequency(plan.key().note(60, degree)),
              0.09 * energy * accent,
              0.1,
              Timbre.LEAD));
    }
  }

  private void drums(int bar, double energy, SectionKind kind) {
    int beats = plan.beatsPerBar();
    boolean full = kind != SectionKind.INTRO;
    for (int b = 0; b < beats; b++) {
      double beat = (double) bar * beats + b;
      long start = plan.beatFrame(beat);
      double accent = b == 0 ? 1.0 : 0.7;
      notes.add(new Note(start, 0, 0, 0.16 * accent * energy, 0.3, kit.hat));
      if (energy >= 0.85 && beats != 6) { // 6/8 pulses are already eighths
        notes.add(new Note(plan.beatFrame(beat + 0.5), 0, 0, 0.08 * energy, 0.3, kit.hat));
      }
      boolean kick = b == 0 || (beats == 4 && b == 2) || (beats == 6 && b == 3 && full);
      boolean snare =
          full
              && ((beats == 4 && b % 2 == 1)
                  || (beats == 2 && b == 1)
                  || (beats == 6 && b == 3)
                  || (beats == 3 && b == 2));
      if (kick && (full || b == 0)) {
        notes.add(new Note(start, 0, 0, 0.55 * (b == 0 ? 1.0 : 0.85) * energy, 0, kit.kick));
      }
      if (snare) {
        notes.add(new Note(start, 0, 0, 0.38 * energy, -0.05, kit.snare));
      }
    }
  }
}
