package dev.acepipe.validate;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioInfo;
import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The file of an {@code import} step exists (relative to the pipeline's directory), decodes, and
 * has a known, non-zero duration ({@code import-file}). A path that depends on {@code ${env}} or
 * {@code ${params}} is only known at plan time and is not checked here.
 */
public final class ImportFileRule implements Rule {
  private final Path baseDir;

  /**
   * @param baseDir the directory of the pipeline file
   */
  public ImportFileRule(Path baseDir) {
    this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
  }

  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    for (Step step : pipeline.steps().values()) {
      if (step.kind() != StepKind.IMPORT) {
        continue;
      }
      Template t = step.field(StepField.PATH).orElse(null);
      if (t == null) {
        continue;
      }
      Template known = StaticValues.substituteVars(pipeline, t);
      if (!known.isConstant()) {
        continue;
      }
      String written = known.constant().orElseThrow();
      String problem = problem(baseDir, written);
      if (problem != null) {
        out.add(
            Diagnostic.error(
                Codes.IMPORT_FILE,
                step.locationOf("path"),
                "import file '" + written + "' " + problem,
                "paths are relative to the pipeline file's directory"));
      }
    }
  }

  /** Why {@code written} (relative to {@code baseDir}) cannot be imported, or null when it can. */
  public static String problem(Path baseDir, String written) {
    Path file;
    try {
      file = baseDir.resolve(written);
    } catch (InvalidPathException e) {
      return "is not a valid path";
    }
    if (!Files.exists(file)) {
      return "does not exist";
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return "is not a readable file";
    }
    AudioInfo info;
    try {
      info = AudioFiles.probe(file);
    } catch (IOException | RuntimeException e) {
      String why =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().replace(file + ": ", "");
      return "does not decode as wav, flac or mp3 (" + why + ")";
    }
    if (!(info.durationSeconds() > 0)) {
      return "has no known duration";
    }
    return null;
  }
}
