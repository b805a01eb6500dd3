package dev.acepipe.server.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Rule-based choices for whatever a request leaves open, and the section layout. Deterministic for
 * its inputs.
 */
final class Planner {
  private Planner() {}

  /**
   * The requested length in frames, or the lyric-based suggestion when none was requested (capped
   * at 600 s).
   */
  static long durationFrames(SynthRequest request) {
    double seconds =
        request.durationSeconds() > 0
            ? Math.min(request.durationSeconds(), 600)
            : LyricSheet.parse(request.lyrics()).suggestedSeconds();
    return Math.round(seconds * ProceduralSynthesizer.RATE);
  }

  /** "2", "3", "4", "6" (also "3/4", "6/8"); empty when not one of them. */
  static int beatsPerBar(String timeSignature) {
    String t = timeSignature.trim();
    int slash = t.indexOf('/');
    String head = slash < 0 ? t : t.substring(0, slash).trim();
    return switch (head) {
      case "2", "3", "4", "6" -> Integer.parseInt(head);
      default -> 0;
    };
  }

  /**
   * Plans a take of {@code frames} frames.
   *
   * @param tempoHint a tempo taken from source or reference audio, used when the request names
   *     none; {@code <= 0} for none
   * @param originFrame where beat 0 falls in the output
   */
  static MusicPlan plan(
      SynthRequest request, long seed, long frames, double tempoHint, long originFrame) {
    SplittableRandom rng =
        new SplittableRandom(
            seed * 0x9E3779B97F4A7C15L
                + request.caption().hashCode() * 31L
                + request.lyrics().hashCode());
    List<Genre> genres = Genre.in(request.caption());
    double bpm;
    if (request.bpm() != null && request.bpm() >= 30 && request.bpm() <= 300) {
      bpm = request.bpm();
    } else if (tempoHint > 0) {
      bpm = tempoHint;
    } else if (!genres.isEmpty()) {
      Genre g = genres.get(0);
      bpm = g.minBpm + rng.nextInt(g.maxBpm - g.minBpm + 1);
    } else {
      bpm = 90 + rng.nextInt(41);
    }
    int beats = beatsPerBar(request.timeSignature());
    if (beats == 0) {
      beats = request.caption().toLowerCase(java.util.Locale.ROOT).contains("waltz") ? 3 : 4;
    }
    Key key =
        Key.parse(request.keyScale()).orElseGet(() -> new Key(rng.nextInt(12), rng.nextBoolean()));
    Set<Instrument> instruments = Instrument.fromCaption(request.caption());
    String genreNames =
        genres.stream().map(g -> g.word).distinct().collect(Collectors.joining(", "));
    double framesPerBar = beats * ProceduralSynthesizer.RATE * 60.0 / bpm;
    int bars =
        (int) Math.max(1, Math.ceil((frames - Math.min(originFrame, frames)) / framesPerBar));
    List<MusicPlan.Section> sections = layout(LyricSheet.parse(request.lyrics()), bars);
    return new MusicPlan(
        frames,
        bpm,
        beats,
        key,
        Integer.toString(beats),
        genreNames,
        instruments,
        sections,
        originFrame);
  }

  /** Lays the lyric sections over {@code bars} bars in proportion to their natural lengths. */
  static List<MusicPlan.Section> layout(LyricSheet sheet, int bars) {
    List<LyricSheet.Part> parts = new ArrayList<>(sheet.parts());
    if (parts.isEmpty()) {
      parts =
          List.of(
              new LyricSheet.Part(SectionKind.INTRO, 0),
              new LyricSheet.Part(SectionKind.INSTRUMENTAL, 0),
              new LyricSheet.Part(SectionKind.CHORUS, 0),
              new LyricSheet.Part(SectionKind.INSTRUMENTAL, 0),
              new LyricSheet.Part(SectionKind.OUTRO, 0));
    }
    int[] natural = new int[parts.size()];
    int total = 0;
    for (int i = 0; i < natural.length; i++) {
      LyricSheet.Part p = parts.get(i);
      natural[i] =
          switch (p.kind()) {
            case INTRO, OUTRO -> 4 + 2 * p.lines();
            case INSTRUMENTAL -> 8 + 2 * p.lines();
            default -> Math.max(4, 2 * p.lines() + (p.lines() & 1));
          };
      total += natural[i];
    }
    List<MusicPlan.Section> sections = new ArrayList<>();
    int cumulative = 0;
    int start = 0;
    for (int i = 0; i < natural.length; i++) {
      cumulative += natural[i];
      int end = (int) Math.round(cumulative * (double) bars / total);
      if (end > start) {
        sections.add(new MusicPlan.Section(parts.get(i).kind(), start, end - start));
        start = end;
      }
    }
    if (sections.isEmpty()) {
      sections.add(new MusicPlan.Section(parts.get(0).kind(), 0, bars));
    }
    return sections;
  }
}
