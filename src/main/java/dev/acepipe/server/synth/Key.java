package dev.acepipe.server.synth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A musical key: tonic pitch class (0 = C) and mode. */
record Key(int tonic, boolean minor) {
  private static final String[] NAMES = {
    "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"
  };
  private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
  private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
  private static final Pattern FORM =
      Pattern.compile("^\\s*([A-Ga-g])\\s*([#♯b♭]?)\\s*((?i:major|minor|maj|min|m))?\\s*$");

  Key {
    if (tonic < 0 || tonic > 11) {
      throw new IllegalArgumentException("tonic must be a pitch class 0..11: " + tonic);
    }
  }

  /** Reads "C Major", "F# minor", "Bb maj", "Am"; empty when the text is no key we know. */
  static Optional<Key> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int pc = "C D EF G A B".indexOf(Character.toUpperCase(m.group(1).charAt(0)));
    String acc = m.group(2);
    if (acc.equals("#") || acc.equals("♯")) {
      pc++;
    } else if (acc.equals("b") || acc.equals("♭")) {
      pc--;
    }
    String mode = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
    return Optional.of(
        new Key(
            Math.floorMod(pc, 12), mode.equals("minor") || mode.equals("min") || mode.equals("m")));
  }

  /** The scale's seven pitch classes relative to C. */
  int[] pitchClasses() {
    int[] steps = minor ? MINOR : MAJOR;
    int[] pcs = new int[7];
    for (int i = 0; i < 7; i++) {
      pcs[i] = (tonic + steps[i]) % 12;
    }
    return pcs;
  }

  /**
   * The MIDI note of scale degree {@code degree} (any integer; 7 is the tonic an octave up),
   * counted from the C at MIDI note {@code cBase} (a multiple of 12).
   */
  int note(int cBase, int degree) {
    int[] steps = minor ? MINOR : MAJOR;
    int octave = Math.floorDiv(degree, 7);
    return cBase + tonic + 12 * octave + steps[Math.floorMod(degree, 7)];
  }

  /** As the server reports it, e.g. "F# minor". */
  String display() {
    return NAMES[tonic] + (minor ? " minor" : " major");
  }
}
