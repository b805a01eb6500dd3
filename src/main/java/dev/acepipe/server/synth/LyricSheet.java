package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lyrics read as a list of tagged sections with their line counts. Untagged leading lines form a
 * verse; empty or {@code [inst]}/{@code [instrumental]}-only lyrics are instrumental (no sections).
 */
record LyricSheet(List<Part> parts) {
  private static final Pattern TAG = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*$");

  /** One tagged section and the number of sung lines in it. */
  record Part(SectionKind kind, int lines) {}

  LyricSheet {
    parts = List.copyOf(parts);
  }

  static LyricSheet parse(String lyrics) {
    List<Part> parts = new ArrayList<>();
    SectionKind current = null;
    int lines = 0;
    for (String raw : lyrics.split("\\R")) {
      Matcher m = TAG.matcher(raw);
      if (m.matches()) {
        if (current != null) {
          parts.add(new Part(current, lines));
        }
        String tag = m.group(1).trim().toLowerCase(Locale.ROOT);
        current = tag.equals("inst") ? SectionKind.INSTRUMENTAL : SectionKind.ofTag(tag);
        lines = 0;
      } else if (!raw.isBlank()) {
        if (current == null) {
          current = SectionKind.VERSE;
        }
        lines++;
      }
    }
    if (current != null) {
      parts.add(new Part(current, lines));
    }
    return new LyricSheet(parts);
  }

  boolean instrumental() {
    return parts.stream().noneMatch(p -> p.lines() > 0);
  }

  /**
   * The length the creation guide suggests: about 4 s per sung line, 8 s per intro or outro, 10 s
   * per instrumental section; 60 s for wordless tracks; clamped to 10..600 s.
   */
  double suggestedSeconds() {
    if (parts.isEmpty()) {
      return 60;
    }
    double s = 0;
    for (Part p : parts) {
      s +=
          switch (p.kind()) {
            case INTRO, OUTRO -> 8 + 4 * p.lines();
            case INSTRUMENTAL -> 10 + 4 * p.lines();
            default -> Math.max(8, 4 * p.lines());
          };
    }
    return Math.max(10, Math.min(600, s));
  }
}
