package dev.acepipe.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What an {@code engine store} subcommand works on: a pipeline (or every lockfile of a project) and
 * the remote.
 */
final class StoreTarget {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PIPELINE",
      description = "The pipeline (default: every " + "lockfile in --project).")
  Path pipeline;

  @Mixin ProjectOption project = new ProjectOption();

  @Mixin RemoteOptions remote = new RemoteOptions();

  /** The lockfiles and store this target names; problems are reported on {@code err}. */
  StoreScope scope(PrintWriter err) {
    return StoreScope.of(pipeline, project.dir, err);
  }
}
