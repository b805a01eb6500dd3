package dev.acepipe.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule-based stand-in for the language model behind {@code /format_input}, {@code
 * /create_random_sample} and automatic durations: structure tags for untagged lyrics, a duration
 * from the lyric lines (the creation guide's 3–5 s per line plus intro/outro and instrumental
 * allowances), a tempo and key from genre words. Pure functions.
 */
final class MusicRules {
  private static final Pattern TAG = Pattern.compile("^\\s*\\[[^\\]]*\\]\\s*$");

  /**
   * Genre or mood word → tempo; the first word found in the caption wins, longer phrases are listed
   * first.
   */
  private static final Map<String, Integer> TEMPO = new LinkedHashMap<>();

  static {
    TEMPO.put("drum and bass", 174);
    TEMPO.put("black metal", 170);
    TEMPO.put("hip hop", 90);
    TEMPO.put("hip-hop", 90);
    TEMPO.put("lo-fi", 80);
    TEMPO.put("lofi", 80);
    TEMPO.put("dnb", 174);
    TEMPO.put("punk", 170);
    TEMPO.put("metal", 160);
    TEMPO.put("trance", 138);
    TEMPO.put("dubstep", 140);
    TEMPO.put("trap", 140);
    TEMPO.put("techno", 130);
    TEMPO.put("edm", 128);
    TEMPO.put("house", 124);
    TEMPO.put("rock", 125);
    TEMPO.put("disco", 120);
    TEMPO.put("pop", 115);
    TEMPO.put("funk", 110);
    TEMPO.put("jazz", 110);
    TEMPO.put("country", 110);
    TEMPO.put("synthwave", 100);
    TEMPO.put("folk", 100);
    TEMPO.put("orchestral", 100);
    TEMPO.put("soul", 95);
    TEMPO.put("r&b", 95);
    TEMPO.put("blues", 90);
    TEMPO.put("waltz", 90);
    TEMPO.put("reggae", 80);
    TEMPO.put("ballad", 70);
    TEMPO.put("ambient", 70);
  }

  private static final List<String> DARK =
      List.of(
          "dark",
          "sad",
          "melanchol",
          "minor",
          "metal",
          "gloomy",
          "haunting",
          "night",
          "cold",
          "tragic");
  private static final String[] TONICS = {"C", "D", "E", "F", "G", "A", "B", "F#", "Bb", "Eb"};

  private MusicRules() {}

  /** True when the lyrics mean "instrumental": empty, {@code [inst]} or {@code [instrumental]}. */
  static boolean instrumental(String lyrics) {
    String s = lyrics.strip().toLowerCase(Locale.ROOT);
    return s.isEmpty() || s.equals("[inst]") || s.equals("[instrumental]");
  }

  /**
   * Seconds for these lyrics: 4 s per sung line, 8 s per intro/outro tag, 10 s per other
   * instrumental tag (instrumental, solo, break, interlude), rounded up to whole seconds and kept
   * in 30..600. Instrumental lyrics give 60 s.
   */
  static int durationFor(String lyrics) {
    if (instrumental(lyrics)) {
      return 60;
    }
    double seconds = 0;
    for (String line : lyrics.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      if (TAG.matcher(line).matches()) {
        String tag = line.strip().toLowerCase(Locale.ROOT);
        if (tag.contains("intro") || tag.contains("outro")) {
          seconds += 8;
        } else if (tag.contains("instrumental")
            || tag.contains("solo")
            || tag.contains("break")
            || tag.contains("interlude")
            || tag.contains("inst]")) {
          seconds += 10;
        }
      } else {
        seconds += 4;
      }
    }
    return (int) Math.max(30, Math.min(600, Math.ceil(seconds)));
  }

  /**
   * The tempo the caption's genre words suggest; "slow"/"fast" shift it; 110 when nothing matches.
   */
  static int bpmFor(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    int bpm = 110;
    for (Map.Entry<String, Integer> e : TEMPO.entrySet()) {
      if (c.contains(e.getKey())) {
        bpm = e.getValue();
        break;
      }
    }
    if (c.contains("slow")) {
      bpm = Math.max(60, bpm - 20);
    } else if (c.contains("fast") || c.contains("energetic")) {
      bpm = Math.min(180, bpm + 15);
    }
    return bpm;
  }

  /** The first genre word of the caption, or "" when none is known. */
  static String genreOf(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    return TEMPO.keySet().stream().filter(c::contains).findFirst().orElse("");
  }

  /**
   * A key for the caption: minor for dark moods, major otherwise; the tonic is a stable function of
   * the text.
   */
  static String keyFor(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    boolean minor = DARK.stream().anyMatch(c::contains);
    String tonic = TONICS[Math.floorMod(c.hashCode(), TONICS.length)];
    return tonic + (minor ? " minor" : " major");
  }

  /** "3" for waltzes, "6" for 6/8 feels, "4" otherwise (the server's time-signature codes). */
  static String timeSignatureFor(String caption) {
    String c = caption.toLowerCase(Locale.ROOT);
    if (c.contains("waltz") || c.contains("3/4")) {
      return "3";
    }
    if (c.contains("6/8") || c.contains("jig")) {
      return "6";
    }
    return "4";
  }

  /**
   * Lyrics with structure tags: tagged lyrics are kept as written; untagged stanzas (split at blank
   * lines) become Verse / Chorus / Verse / Chorus / Bridge / Chorus..., framed by {@code [Intro]}
   * and {@code [Outro]}; instrumental lyrics become {@code [Instrumental]}.
   */
  static String structured(String lyrics) {
    if (instrumental(lyrics)) {
      return "[Instrumental]";
    }
    List<String> lines = lyrics.strip().lines().toList();
    if (lines.stream().anyMatch(l -> TAG.matcher(l).matches())) {
      return lyrics.strip();
    }
    List<List<String>> stanzas = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          stanzas.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line.strip());
      }
    }
    if (!current.isEmpty()) {
      stanzas.add(current);
    }
    StringBuilder out = new StringBuilder("[Intro]\n\n");
    int verse = 0;
    for (int i = 0; i < stanzas.size(); i++) {
      String tag;
      if (i % 2 == 1) {
        tag = "[Chorus]";
      } else if (i >= 4 && i % 4 == 0) {
        tag = "[Bridge]";
      } else {
        tag = "[Verse " + (++verse) + "]";
      }
      out.append(tag).append('\n').append(String.join("\n", stanzas.get(i))).append("\n\n");
    }
    return out.append("[Outro]").toString();
  }

  /**
   * What an LM's chain of thought makes of a caption: the same words with a production note
   * appended, so a client can see that the caption it sent is not the one used.
   */
  static String rewrittenCaption(String caption, String lyrics) {
    String base = caption == null || caption.isBlank() ? "song" : caption.strip();
    return base
        + ", polished mix, "
        + (instrumental(lyrics) ? "instrumental" : "clear lead vocals");
  }
}
