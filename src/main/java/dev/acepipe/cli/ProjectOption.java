package dev.acepipe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --project DIR}: the project folder whose lockfiles and store a store command works on. */
final class ProjectOption {
  @Option(
      names = "--project",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Project folder (default: .).")
  Path dir;

  /** Every lockfile of the project and its store; problems are reported on {@code err}. */
  StoreScope everyLockfile(PrintWriter err) {
    return StoreScope.of(null, dir, err);
  }
}
