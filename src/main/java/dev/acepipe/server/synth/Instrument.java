package dev.acepipe.server.synth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The parts the synthesizer can play, and the caption words that ask for them. */
enum Instrument {
  DRUMS("drum", "beat", "percussion", "kick", "snare", "hi-hat", "hihat", "808"),
  BASS("bass", "808"),
  PIANO("piano", "keys", "rhodes", "keyboard"),
  STRINGS("string", "violin", "cello", "orchestra", "orchestral"),
  PAD("pad", "ambient", "atmospheric", "synthwave", "analog"),
  GUITAR("guitar", "acoustic", "strum"),
  LEAD("lead", "synth", "vocal", "voice", "sing", "melody", "flute", "whistle");

  private final String[] cues;

  Instrument(String... cues) {
    this.cues = cues;
  }

  /**
   * The instruments {@code caption} asks for; a caption naming none gets a full band. A melody part
   * is always present when the caption names only accompaniment, so there is a tune.
   */
  static Set<Instrument> fromCaption(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    EnumSet<Instrument> found = EnumSet.noneOf(Instrument.class);
    for (Instrument i : values()) {
      for (String cue : i.cues) {
        if (c.contains(cue)) {
          found.add(i);
        }
      }
    }
    if (c.contains("no drums") || c.contains("without drums") || c.contains("drumless")) {
      found.remove(Instrument.DRUMS);
    }
    if (found.isEmpty()) {
      return EnumSet.of(DRUMS, BASS, PIANO, PAD, LEAD);
    }
    return found;
  }
}
