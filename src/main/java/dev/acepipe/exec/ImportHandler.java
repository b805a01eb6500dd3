package dev.acepipe.exec;

import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.ResolvedStep;
import dev.acepipe.store.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code import}: a local audio file ({@code path}) enters the graph. Consumers upload it, unless
 * {@code server_path} names the same file on the server, which is then handed on by path.
 */
final class ImportHandler implements LocalHandler {
  @Override
  public StepKind kind() {
    return StepKind.IMPORT;
  }

  @Override
  public StepAction action(ActionInput in) {
    ResolvedStep r = in.resolved();
    Path p =
        Path.of(
            r.text(StepField.PATH)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "step '" + r.id() + "': import needs a path")));
    String serverPath = r.text(StepField.SERVER_PATH).map(String::strip).orElse(null);
    if (serverPath != null
        && !serverPath.startsWith("/")
        && !serverPath.matches("[A-Za-z]:[\\\\/].*")) {
      throw new IllegalArgumentException(
          "step '"
              + r.id()
              + "': server_path must be an absolute path on the "
              + "server, got '"
              + serverPath
              + "'");
    }
    return new StepAction.Import(
        p.isAbsolute() ? p : in.projectDir().resolve(p).normalize(), serverPath);
  }

  @Override
  public StepOutput run(String stepId, StepAction action, Inputs in) throws IOException {
    StepAction.Import im = (StepAction.Import) action;
    Path file = im.file();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("import: no such file " + file);
    }
    AudioInfo info = in.probe().probe(file);
    // With server_path the same file is already on whichever server this run uses: it is handed on
    // by path.
    TakeResult take =
        TakeResult.builder(0, file, Hashes.sha256Hex(file), Files.size(file), info)
            .serverPath(im.serverPath())
            .server(im.serverPath() == null ? "" : TakeResult.RUN_SERVER)
            .build();
    return new StepOutput(stepId, List.of(take), new Fields(info.durationSeconds(), file));
  }

  @Override
  public Preview preview(String stepId, StepAction action, Inputs in) {
    Path file = ((StepAction.Import) action).file();
    try {
      return new Preview(
          Optional.of(run(stepId, action, in)), "local file " + file.getFileName(), true);
    } catch (IOException | RuntimeException e) {
      return new Preview(Optional.empty(), "cannot read " + file + " yet", false);
    }
  }

  /** An imported file's length and path. */
  record Fields(double duration, Path file) implements StepFields {}
}
