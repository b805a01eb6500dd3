package dev.acepipe.server.synth;

import dev.acepipe.dsl.model.Tracks;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's track names ({@code track_name}, {@code track_classes}) and the synthesizer voices
 * that stand for them. The synthesizer has seven voices, upstream twelve track names, so some names
 * share a voice: a sung line is the lead, sustained sections (brass, strings) are the string voice,
 * keyboards the piano, and textures (synth, fx, backing vocals) the pad.
 */
public final class Stems {
  private static final Map<String, Instrument> TRACKS = new HashMap<>();

  static {
    voice(Instrument.LEAD, "vocals", "woodwinds");
    voice(Instrument.PAD, "backing_vocals", "synth", "fx");
    voice(Instrument.DRUMS, "drums", "percussion");
    voice(Instrument.BASS, "bass");
    voice(Instrument.GUITAR, "guitar");
    voice(Instrument.PIANO, "keyboard");
    voice(Instrument.STRINGS, "strings", "brass");
  }

  private static void voice(Instrument voice, String... tracks) {
    for (String track : tracks) {
      TRACKS.put(track, voice);
    }
  }

  /** What {@code complete} adds when no {@code track_classes} are given. */
  static final Set<Instrument> DEFAULT_ACCOMPANIMENT =
      EnumSet.of(Instrument.DRUMS, Instrument.BASS, Instrument.PIANO);

  private Stems() {}

  /** Upstream's track names, in the order its UI lists them. */
  public static List<String> trackNames() {
    return Tracks.NAMES;
  }

  /**
   * The voice name (lower case, e.g. {@code "lead"}) that renders {@code track}; {@code "lead"} for
   * a missing or unknown name, as upstream falls back to a generic "the track" instruction.
   */
  public static String voiceOf(String track) {
    return voices(List.of(track == null ? "" : track), Set.of())
        .iterator()
        .next()
        .name()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * The voices for {@code tracks}; unknown names count as the lead. Empty {@code tracks} give
   * {@code fallback}, or the lead when that is empty too.
   */
  static Set<Instrument> voices(List<String> tracks, Set<Instrument> fallback) {
    EnumSet<Instrument> out = EnumSet.noneOf(Instrument.class);
    for (String t : tracks) {
      String key = t.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
      if (!key.isEmpty()) {
        out.add(TRACKS.getOrDefault(key, Instrument.LEAD));
      }
    }
    if (out.isEmpty()) {
      out.addAll(fallback.isEmpty() ? Set.of(Instrument.LEAD) : fallback);
    }
    return out;
  }
}
