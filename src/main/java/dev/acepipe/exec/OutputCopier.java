package dev.acepipe.exec;

import dev.acepipe.store.AtomicFiles;
import dev.acepipe.store.OutputGuard;
import dev.acepipe.plan.PlannedOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Copies a run's {@code outputs:} into the project, each atomically, after the run. */
public final class OutputCopier {
  private OutputCopier() {}

  /** One output: where it went, or why it was not written. */
  public record Copied(String ref, Path target, String problem) {
    /** The problem text of an output whose step was left out with {@code --only}. */
    public static final String NOT_IN_RUN = "step not part of this run (--only)";

    public boolean ok() {
      return problem == null;
    }

    /** Whether the output was meant to be written by this run (not left out with {@code --only}). */
    public boolean inScope() {
      return !NOT_IN_RUN.equals(problem);
    }
  }

  /**
   * Copies every output whose step succeeded; outputs of steps that did not run (or failed) are reported with
   * the reason, never half-written.
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
        done.add(new Copied(ref, target, "step " + step.state().name().toLowerCase() + ", nothing to copy"));
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
        AtomicFiles.copy(step.takes().get(o.ref().take()).localPath(), target);
        done.add(new Copied(ref, target, null));
      } catch (IOException e) {
        done.add(new Copied(ref, target, "cannot write: " + e.getMessage()));
      }
    }
    return done;
  }
}
