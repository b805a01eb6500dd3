package dev.acepipe.cli;

import dev.acepipe.diagnostic.DiagnosticPrinter;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a store command works on: one pipeline's lockfile (and its {@code store:} block), or every
 * lockfile of a project folder. A project's lockfiles sit beside its pipelines, and its store is
 * {@code DIR/.acepipe/store}.
 *
 * @param spec the pipeline's {@code store:} block, or null
 */
record StoreScope(Path projectDir, List<Path> lockPaths, StoreSpec spec) {
  /** One lock block of one lockfile. */
  record Block(Path lockPath, String step, LockEntry entry) {}

  StoreScope {
    lockPaths = List.copyOf(lockPaths);
  }

  /**
   * @param pipeline the pipeline named on the command line, or null for every lockfile in {@code
   *     project}
   * @throws CliException exit 2 for a missing file or folder, exit 3 for an invalid pipeline
   */
  static StoreScope of(Path pipeline, Path project, PrintWriter err) {
    if (pipeline != null) {
      if (!Files.isRegularFile(pipeline)) {
        throw new CliException(ExitCodes.USAGE, pipeline + ": no such file");
      }
      CheckResult checked = new PipelineChecker(false).check(pipeline, pipeline.toString());
      if (!checked.isValid()) {
        DiagnosticPrinter.print(checked.diagnostics(), checked.sources(), err);
        throw new CliException(ExitCodes.INVALID, pipeline + " is not a valid pipeline");
      }
      Path file = pipeline.toAbsolutePath().normalize();
      return new StoreScope(
          file.getParent(),
          List.of(Lockfile.pathFor(file)),
          checked.pipeline().storeSpec().orElse(null));
    }
    Path dir = project.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new CliException(ExitCodes.USAGE, project + ": no such folder");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new StoreScope(
          dir,
          files
              .filter(p -> p.getFileName().toString().endsWith(".lock.json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList(),
          null);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, project + ": " + e.getMessage());
    }
  }

  ArtifactStore store() {
    return ArtifactStore.forProject(projectDir);
  }

  /**
   * Every block of every lockfile in scope (a pipeline never run has none).
   *
   * @throws CliException exit 3 naming the file when a lockfile is damaged
   */
  List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    for (Path p : lockPaths) {
      Lockfile lock;
      try {
        var read = Lockfile.read(p);
        if (read.isEmpty()) {
          continue;
        }
        lock = read.get();
      } catch (IOException e) {
        throw new CliException(ExitCodes.INVALID, p + ": " + e.getMessage());
      }
      lock.steps().forEach((step, entry) -> out.add(new Block(p, step, entry)));
    }
    return out;
  }

  /** {@code night-drive.lock.json} or {@code 2 lockfiles}, for messages. */
  String describeLocks() {
    return lockPaths.size() == 1
        ? lockPaths.get(0).getFileName().toString()
        : lockPaths.size() + " lockfiles";
  }
}
