package dev.acepipe.server.synth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every musical decision for one take before any note is placed: length, tempo, metre, key, parts
 * and the song's sections laid over the bar grid.
 *
 * @param frames output length in frames at 48 kHz
 * @param originFrame the frame where beat 0 falls (non-zero when the grid follows a source track)
 * @param sections consecutive sections covering bars {@code 0..} up to the end of the output
 */
record MusicPlan(
    long frames,
    double bpm,
    int beatsPerBar,
    Key key,
    String timeSignature,
    String genres,
    Set<Instrument> instruments,
    List<Section> sections,
    long originFrame) {

  /** One section of the song on the bar grid: bars {@code [firstBar, firstBar + bars)}. */
  record Section(SectionKind kind, int firstBar, int bars) {}

  MusicPlan {
    Objects.requireNonNull(key, "key");
    if (frames < 0 || bpm <= 0 || beatsPerBar <= 0 || sections.isEmpty()) {
      throw new IllegalArgumentException(
          "bad plan: " + frames + " frames, " + bpm + " bpm, " + beatsPerBar + " beats");
    }
    instruments = Set.copyOf(instruments);
    sections = List.copyOf(sections);
  }

  double framesPerBeat() {
    return ProceduralSynthesizer.RATE * 60.0 / bpm;
  }

  /** The frame where beat {@code beat} (may be negative) starts, exactly on the grid. */
  long beatFrame(double beat) {
    return originFrame + Math.round(beat * framesPerBeat());
  }

  /**
   * The section playing at bar {@code bar}: the first for bars before the song, the last for bars
   * after it.
   */
  Section sectionAt(int bar) {
    for (Section s : sections) {
      if (bar < s.firstBar() + s.bars()) {
        return s;
      }
    }
    return sections.get(sections.size() - 1);
  }

  /**
   * The same song with only {@code parts} playing (each part's notes do not depend on which others
   * play).
   */
  MusicPlan withInstruments(Set<Instrument> parts) {
    return new MusicPlan(
        frames, bpm, beatsPerBar, key, timeSignature, genres, parts, sections, originFrame);
  }

  /** The same song cut or extended to {@code length} frames (the last section continues). */
  MusicPlan withFrames(long length) {
    return new MusicPlan(
        length, bpm, beatsPerBar, key, timeSignature, genres, instruments, sections, originFrame);
  }
}
