package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.Tracks;
import java.util.List;
import java.util.Set;

/**
 * Kind-specific required fields: {@code continue}/{@code repaint}/{@code cover} need {@code from};
 * {@code continue} needs {@code seconds} (or {@code prepend}); {@code repaint} needs {@code start}
 * (no {@code end} repaints to the end of the source); {@code import} needs {@code path}; {@code
 * sample} needs {@code description}; {@code select} needs {@code from} and {@code pick}. A key that
 * is written but invalid was already reported and is not reported again.
 */
public final class RequiredFieldsRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      for (String key : required(step)) {
        if (!step.keyLocations().containsKey(key)) {
          out.add(
              Diagnostic.error(
                  Codes.MISSING_FIELD,
                  step.location(),
                  article(step.kind().yamlName())
                      + " step needs '"
                      + key
                      + "'; step '"
                      + step.id()
                      + "' has none",
                  hint(step.kind(), key)));
        }
      }
    }
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  static List<String> required(Step step) {
    return switch (step.kind()) {
      case CONTINUE ->
          step.keyLocations().containsKey(StepField.PREPEND.key())
              ? List.of("from")
              : List.of("from", "seconds");
      case REPAINT -> List.of("from", "start");
      case COVER -> List.of("from");
      case EXTRACT, LEGO -> List.of("from", "track");
      case COMPLETE -> List.of("from", "tracks");
      case IMPORT -> List.of("path");
      case SAMPLE -> List.of("description");
      case SELECT -> List.of("from", "pick");
      case GENERATE, FORMAT, RANDOM -> List.of();
    };
  }

  private static String hint(StepKind kind, String key) {
    return switch (key) {
      case "from" ->
          "name the step whose audio this " + kind.yamlName() + " edits, e.g. 'from: draft'";
      case "seconds" ->
          "how many seconds to add, e.g. 'seconds: 30' (or 'prepend: 10' before the start)";
      case "start" ->
          "where the window to repaint starts in seconds, e.g. 'start: 10' (and 'end: 20')";
      case "path" -> "a local audio file, e.g. 'path: song.wav'";
      case "track" ->
          "the stem, one of " + String.join(", ", Tracks.NAMES) + ", e.g. 'track: vocals'";
      case "tracks" -> "the accompaniment to add, e.g. 'tracks: [drums, bass]'";
      case "pick" -> "how to choose, e.g. 'pick: loudest' or 'pick: {index: 0}'";
      case "description" -> "describe the song, e.g. 'description: a calm lo-fi piano piece'";
      default -> "";
    };
  }
}
