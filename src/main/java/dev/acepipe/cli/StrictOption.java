package dev.acepipe.cli;

import dev.acepipe.validate.PipelineChecker;
import picocli.CommandLine.Option;

/** {@code --strict} of {@code run} and {@code validate}: the music-aware lint's warnings fail. */
final class StrictOption {
  @Option(
      names = "--strict",
      description =
          "Treat validation warnings (the music-aware lint) as errors: exit 3 when there are any.")
  boolean strict;

  /** The pipeline checker, with or without the JSON Schema pass, strict when asked to be. */
  PipelineChecker checker(boolean schema) {
    return new PipelineChecker(schema).strict(strict);
  }
}
