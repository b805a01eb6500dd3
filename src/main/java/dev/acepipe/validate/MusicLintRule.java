package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.diagnostic.Severity;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Music-aware warnings, from the ACE-Step creation guide: requests the server accepts but that tend
 * to render badly or not as meant. Each has a stable code ({@link Codes#LINT}), is located on the
 * value to change, and can be silenced per step with {@code lint: {ignore: [code]}}. Only constant
 * values are judged (a value that comes from {@code ${...}} is not known until plan or run time).
 */
final class MusicLintRule implements Rule {
  static final int SECONDS_PER_LINE_MIN = 3;
  static final int SECONDS_PER_LINE_MAX = 5;
  static final int INTRO_OUTRO_MIN = 5;
  static final int INSTRUMENTAL_MIN = 5;
  static final int STABLE_BPM_MIN = 60;
  static final int STABLE_BPM_MAX = 180;
  static final int TURBO_MAX_STEPS = 8;
  private static final Set<String> BASE_ONLY_TASKS = Set.of("lego", "extract", "complete");

  private static final Pattern TAG_LINE = Pattern.compile("^\\s*\\[([^\\]]*)\\]\\s*$");
  private static final Pattern BPM_TEXT = Pattern.compile("(?i)\\b\\d{2,3}\\s*-?\\s*bpm\\b");
  private static final Pattern KEY_TEXT =
      Pattern.compile(
          "(?i)(?<![\\w#])(?:in\\s+)?[A-G](?:#|b|♯|♭)?\\s*-?\\s*(?:major|minor|maj|min)\\b");
  private static final Pattern TIME_TEXT =
      Pattern.compile("(?i)\\b[2-7]/(?:4|8)\\b|\\btime signature\\b");

  /** Instrument stems (matched as word prefixes) and how to say them. */
  private static final List<String> INSTRUMENTS =
      List.of(
          "guitar",
          "piano",
          "drum",
          "bass",
          "violin",
          "cello",
          "sax",
          "trumpet",
          "synth",
          "organ",
          "flute",
          "string",
          "harp",
          "ukulele",
          "banjo",
          "accordion",
          "harmonica",
          "clarinet",
          "trombone",
          "horn",
          "keys");

  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      List<String> ignore = step.checks().lintIgnore();
      List<Diagnostic> found = new ArrayList<>();
      lint(step, found);
      found.stream().filter(d -> !ignore.contains(d.code())).forEach(out::add);
    }
  }

  private static void lint(Step step, List<Diagnostic> out) {
    Optional<String> caption = constant(step, StepField.PROMPT);
    Optional<String> lyrics = constant(step, StepField.LYRICS);
    constant(step, StepField.BPM).ifPresent(text -> bpm(step, text, out));
    caption.ifPresent(c -> metaInCaption(step, c, out));
    lyrics
        .filter(l -> !instrumental(l))
        .ifPresent(
            l -> {
              Lyrics sheet = Lyrics.of(l);
              structure(step, sheet, out);
              if (step.kind() == StepKind.GENERATE || step.kind() == StepKind.SAMPLE) {
                constant(step, StepField.DURATION).ifPresent(d -> duration(step, d, sheet, out));
              }
              caption.ifPresent(c -> instruments(step, c, sheet, out));
            });
    turbo(step, out);
    if (step.kind() == StepKind.COVER && step.extra().containsKey("instruction")) {
      out.add(
          warning(
              Codes.COVER_INSTRUCTION,
              step.locationOf("extra"),
              "step '"
                  + step.id()
                  + "': a cover with a custom 'instruction' silently stops being a cover upstream",
              "remove 'instruction' from extra; steer the cover with 'prompt' and 'strength'"));
    }
  }

  private static void bpm(Step step, String text, List<Diagnostic> out) {
    long bpm;
    try {
      bpm = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return; // reported by the field's own check
    }
    if (bpm < STABLE_BPM_MIN || bpm > STABLE_BPM_MAX) {
      String suggestion =
          bpm < STABLE_BPM_MIN ? "double it to " + bpm * 2 : "halve it to " + bpm / 2;
      out.add(
          warning(
              Codes.BPM_RANGE,
              step.locationOf("bpm"),
              "step '"
                  + step.id()
                  + "': bpm "
                  + bpm
                  + " is outside the stable range "
                  + STABLE_BPM_MIN
                  + "-"
                  + STABLE_BPM_MAX
                  + "; ACE-Step renders such tempos unreliably",
              suggestion + " (half/double time feels the same)"));
    }
  }

  private static void metaInCaption(Step step, String caption, List<Diagnostic> out) {
    List<String> found = new ArrayList<>();
    Matcher m = BPM_TEXT.matcher(caption);
    if (m.find()) {
      found.add("'" + m.group() + "' belongs in bpm:");
    }
    m = KEY_TEXT.matcher(caption);
    if (m.find()) {
      found.add("'" + m.group().strip() + "' belongs in key:");
    }
    m = TIME_TEXT.matcher(caption);
    if (m.find()) {
      found.add("'" + m.group() + "' belongs in time_signature: (2, 3, 4 or 6)");
    }
    if (!found.isEmpty()) {
      out.add(
          warning(
              Codes.META_IN_CAPTION,
              step.locationOf("prompt"),
              "step '"
                  + step.id()
                  + "': the caption carries musical metadata the model reads from its own fields",
              String.join("; ", found) + "; move it out of the prompt"));
    }
  }

  private static void structure(Step step, Lyrics sheet, List<Diagnostic> out) {
    if (sheet.tags().isEmpty() && sheet.lines() >= 2) {
      out.add(
          warning(
              Codes.NO_STRUCTURE_TAGS,
              step.locationOf("lyrics"),
              "step '"
                  + step.id()
                  + "': the lyrics have "
                  + sheet.lines()
                  + " lines but no structure tags",
              "mark the sections, e.g. [Verse] before the verse lines and [Chorus] before the chorus"));
    }
  }

  private static void duration(Step step, String text, Lyrics sheet, List<Diagnostic> out) {
    double seconds;
    try {
      seconds = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return;
    }
    int min =
        sheet.lines() * SECONDS_PER_LINE_MIN
            + sheet.introOutros() * INTRO_OUTRO_MIN
            + sheet.instrumentals() * INSTRUMENTAL_MIN;
    if (sheet.lines() > 0 && seconds < min) {
      int max =
          sheet.lines() * SECONDS_PER_LINE_MAX
              + sheet.introOutros() * 10
              + sheet.instrumentals() * 15;
      out.add(
          warning(
              Codes.DURATION_VS_LYRICS,
              step.locationOf("duration"),
              String.format(
                  Locale.ROOT,
                  "step '%s': %s s is too short for %d lyric line(s)%s; they need about %d-%d s",
                  step.id(),
                  trim(seconds),
                  sheet.lines(),
                  sections(sheet),
                  min,
                  max),
              "set duration to at least "
                  + min
                  + " (3-5 s a line, 5-10 s per intro/outro, 5-15 s per instrumental"
                  + " section), or cut lyrics"));
    }
  }

  private static String sections(Lyrics sheet) {
    List<String> parts = new ArrayList<>();
    if (sheet.introOutros() > 0) {
      parts.add(sheet.introOutros() + " intro/outro");
    }
    if (sheet.instrumentals() > 0) {
      parts.add(sheet.instrumentals() + " instrumental section(s)");
    }
    return parts.isEmpty() ? "" : " and " + String.join(", ", parts);
  }

  private static void instruments(Step step, String caption, Lyrics sheet, List<Diagnostic> out) {
    Set<String> inCaption = instrumentsIn(caption);
    Set<String> inTags = new LinkedHashSet<>();
    sheet.tags().forEach(t -> inTags.addAll(instrumentsIn(t)));
    List<String> missing = inTags.stream().filter(i -> !inCaption.contains(i)).toList();
    if (!missing.isEmpty()) {
      out.add(
          warning(
              Codes.INSTRUMENT_MISMATCH,
              step.locationOf("prompt"),
              "step '"
                  + step.id()
                  + "': lyric tags feature "
                  + String.join(", ", missing)
                  + " but the caption does not name "
                  + (missing.size() == 1 ? "it" : "them"),
              "add " + String.join(", ", missing) + " to the prompt, or change the tags"));
    } else if (!inTags.isEmpty()) {
      List<String> untagged = inCaption.stream().filter(i -> !inTags.contains(i)).toList();
      if (!untagged.isEmpty()) {
        out.add(
            warning(
                Codes.INSTRUMENT_MISMATCH,
                step.locationOf("lyrics"),
                "step '"
                    + step.id()
                    + "': the caption names "
                    + String.join(", ", untagged)
                    + " but the lyric tags, which feature "
                    + String.join(", ", inTags)
                    + ", do not",
                "give "
                    + (untagged.size() == 1 ? "it" : "them")
                    + " a section, e.g. ["
                    + capital(untagged.get(0))
                    + " Solo], or take "
                    + (untagged.size() == 1 ? "it" : "them")
                    + " out of the caption"));
      }
    }
  }

  private static void turbo(Step step, List<Diagnostic> out) {
    Optional<String> model = constant(step, StepField.MODEL);
    if (model.isEmpty() || !model.get().toLowerCase(Locale.ROOT).contains("turbo")) {
      return;
    }
    constant(step, StepField.INFERENCE_STEPS)
        .ifPresent(
            text -> {
              try {
                long steps = Long.parseLong(text.strip());
                if (steps > TURBO_MAX_STEPS) {
                  out.add(
                      warning(
                          Codes.TURBO_STEPS,
                          step.locationOf("inference_steps"),
                          "step '"
                              + step.id()
                              + "': "
                              + steps
                              + " inference steps on the turbo model '"
                              + model.get()
                              + "'; turbo models stop at "
                              + TURBO_MAX_STEPS,
                          "set inference_steps to 8 or less, or choose a base model for more steps"));
                }
              } catch (NumberFormatException e) {
                // reported by the field's own check
              }
            });
    Object task = step.extra().get("task_type");
    if (task != null && BASE_ONLY_TASKS.contains(task.toString().toLowerCase(Locale.ROOT))) {
      out.add(
          warning(
              Codes.BASE_ONLY_TASK,
              step.locationOf("extra"),
              "step '"
                  + step.id()
                  + "': task_type "
                  + task
                  + " runs on base models only, not on the turbo model '"
                  + model.get()
                  + "'",
              "choose a base model (model: without 'turbo') or another task"));
    }
  }

  private static Set<String> instrumentsIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    Set<String> found = new LinkedHashSet<>();
    for (String stem : INSTRUMENTS) {
      if (Pattern.compile("\\b" + stem).matcher(lower).find()) {
        found.add(stem);
      }
    }
    return found;
  }

  private static boolean instrumental(String lyrics) {
    String l = lyrics.strip().toLowerCase(Locale.ROOT);
    return l.isEmpty() || l.equals("[inst]") || l.equals("[instrumental]");
  }

  private static Optional<String> constant(Step step, StepField field) {
    return step.field(field).filter(Template::isConstant).flatMap(Template::constant);
  }

  private static Diagnostic warning(String code, SourceLocation at, String message, String hint) {
    return new Diagnostic(Severity.WARNING, code, at, message, hint);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** What the guide's duration rule counts in a lyric sheet. */
  record Lyrics(int lines, List<String> tags, int introOutros, int instrumentals) {
    static Lyrics of(String text) {
      int lines = 0;
      List<String> tags = new ArrayList<>();
      int introOutros = 0;
      int instrumentals = 0;
      for (String raw : text.split("\\R")) {
        if (raw.isBlank()) {
          continue;
        }
        Matcher m = TAG_LINE.matcher(raw);
        if (m.matches()) {
          String tag = m.group(1).toLowerCase(Locale.ROOT);
          tags.add(tag);
          if (tag.contains("intro") || tag.contains("outro")) {
            introOutros++;
          } else if (tag.contains("instrumental")
              || tag.contains("solo")
              || tag.contains("interlude")
              || tag.contains("break")
              || tag.contains("drop")) {
            instrumentals++;
          }
        } else {
          lines++;
        }
      }
      return new Lyrics(lines, List.copyOf(tags), introOutros, instrumentals);
    }
  }
}
