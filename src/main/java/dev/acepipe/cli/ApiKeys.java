package dev.acepipe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command's API key comes from, first match wins: {@code --api-key K}, {@code
 * --api-key-file FILE}, the pipeline's {@code server.api_key}, {@code $ACESTEP_API_KEY}. {@code
 * --api-key} is visible to every user of the machine in {@code ps}; the file and the environment
 * variable are not.
 */
final class ApiKeys {
  /** The environment variable that holds the key. */
  static final String ENV = "ACESTEP_API_KEY";

  /** A key file is one short line; anything bigger is a mistaken path. */
  private static final long MAX_FILE = 64 * 1024;

  private ApiKeys() {}

  /**
   * The key, or null when none is given anywhere; both command-line forms at once is a usage error.
   */
  static String choose(String option, Path file, String pipelineKey, String environment) {
    if (option != null && file != null) {
      throw new CliException(
          ExitCodes.USAGE, "give the API key with --api-key or --api-key-file, not both");
    }
    if (option != null) {
      return option;
    }
    if (file != null) {
      return read(file);
    }
    if (pipelineKey != null) {
      return pipelineKey;
    }
    return environment == null || environment.isBlank() ? null : environment;
  }

  /**
   * The key given on the command line ({@code --api-key}, or read from {@code --api-key-file}), or
   * null; a blank {@code --api-key} counts as none.
   */
  static String given(String option, Path file) {
    return choose(option == null || option.isBlank() ? null : option, file, null, null);
  }

  /**
   * The first line of {@code file}, stripped; an unreadable or empty file is a usage error naming
   * the file only.
   */
  static String read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new CliException(
            ExitCodes.USAGE,
            "--api-key-file "
                + file
                + " is larger than "
                + MAX_FILE
                + " bytes; it should hold the key on one line");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String line = text.lines().findFirst().orElse("").strip();
      if (line.isEmpty()) {
        throw new CliException(
            ExitCodes.USAGE, "--api-key-file " + file + " is empty; put the key on its first line");
      }
      return line;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read --api-key-file "
              + file
              + ": "
              + (e.getMessage() == null
                  ? e.getClass().getSimpleName()
                  : e.getClass().getSimpleName()));
    }
  }
}
