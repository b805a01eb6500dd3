package dev.acepipe.run;

import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.plan.PlannedOutput;
import dev.acepipe.store.AtomicFiles;
import dev.acepipe.store.OutputGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies a run's {@code outputs:} into the project, each atomically, after the run. A target whose
 * extension names another format than the take's ({@code out/x.mp3} from a FLAC take) is transcoded
 * with acepipe's encoders, so the file holds what its name says; a target without a known audio
 * extension gets the take's bytes. (Validation rejects other audio extensions, which no encoder
 * here writes.)
 */
public final class OutputCopier {
  private OutputCopier() {}

  /** One output: where it went, or why it was not written. */
  public record Copied(String ref, Path target, String problem) {
    /** The problem text of an output whose step was left out with {@code --only}. */
    public static final String NOT_IN_RUN = "step not part of this run (--only)";

    public boolean ok() {
      return problem == null;
    }

    /**
     * Whether the output was meant to be written by this run (not left out with {@code --only}).
     */
    public boolean inScope() {
      return !NOT_IN_RUN.equals(problem);
    }
  }

  /**
   * Copies every output whose step succeeded; outputs of steps that did not run (or failed) are
   * reported with the reason, never half-written.
   */
  public static List<Copied> copy(List<PlannedOutput> outputs, RunResult result, Path projectDir) {
    List<Copied> done = new ArrayList<>();
    for (PlannedOutput o : outputs) {
      Path target = projectDir.resolve(o.path()).normalize();
      String ref = o.ref().toString();
      StepReport step = result.step(o.ref().step()).orElse(null);
      if (step == null) {
        done.add(new Copied(ref, target, Copied.NOT_IN_RUN));
        continue;
      }
      if (!step.state().hasOutput()) {
        done.add(
            new Copied(
                ref, target, "step " + step.state().name().toLowerCase() + ", nothing to copy"));
        continue;
      }
      if (o.ref().take() >= step.takes().size()) {
        done.add(new Copied(ref, target, "step produced " + step.takes().size() + " take(s)"));
        continue;
      }
      String refused = OutputGuard.problem(projectDir, target).orElse(null);
      if (refused != null) {
        done.add(new Copied(ref, target, "refused: " + o.path() + " " + refused));
        continue;
      }
      try {
        write(step.takes().get(o.ref().take()).localPath(), target);
        done.add(new Copied(ref, target, null));
      } catch (IOException e) {
        done.add(new Copied(ref, target, "cannot write: " + e.getMessage()));
      }
    }
    return done;
  }

  /**
   * Copies {@code source} to {@code target}, transcoding when the target's extension names another
   * format.
   */
  static void write(Path source, Path target) throws IOException {
    Optional<AudioFormat> wanted = AudioFormat.byExtension(target);
    if (wanted.isPresent() && wanted.get() != AudioFiles.detect(source)) {
      AudioFiles.write(AudioFiles.read(source), wanted.get(), target);
    } else {
      AtomicFiles.copy(source, target);
    }
  }
}
