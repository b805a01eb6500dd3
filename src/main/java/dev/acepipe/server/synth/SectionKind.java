package dev.acepipe.server.synth;

import java.util.Locale;

/** The song sections the synthesizer arranges differently; lyric tags map onto these. */
enum SectionKind {
  INTRO(0.55, false),
  VERSE(0.8, true),
  PRE_CHORUS(0.85, true),
  CHORUS(1.0, true),
  BRIDGE(0.75, true),
  INSTRUMENTAL(0.9, false),
  OUTRO(0.6, false);

  /** Overall loudness and density, 0..1. */
  final double energy;

  /** Whether the section carries sung lines (the melody stands in for the voice). */
  final boolean sung;

  SectionKind(double energy, boolean sung) {
    this.energy = energy;
    this.sung = sung;
  }

  /**
   * Maps a lyric tag's text ({@code "Verse 2"}, {@code "pre-chorus"}, {@code "Guitar Solo"}) to a
   * kind.
   */
  static SectionKind ofTag(String tag) {
    String t = tag.toLowerCase(Locale.ROOT);
    if (t.contains("pre")) {
      return PRE_CHORUS;
    }
    if (t.contains("chorus") || t.contains("hook") || t.contains("refrain") || t.contains("drop")) {
      return CHORUS;
    }
    if (t.contains("intro")) {
      return INTRO;
    }
    if (t.contains("outro") || t.contains("ending") || t.contains("end")) {
      return OUTRO;
    }
    if (t.contains("bridge")) {
      return BRIDGE;
    }
    if (t.contains("inst")
        || t.contains("solo")
        || t.contains("break")
        || t.contains("interlude")) {
      return INSTRUMENTAL;
    }
    return VERSE;
  }
}
