package dev.acepipe.exec;

import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind that runs here, without a server: nothing is stored or pinned, the output is computed
 * again on every run (and by {@code engine plan}, which shows it through {@link #preview}).
 */
public non-sealed interface LocalHandler extends StepHandler {

  /**
   * Runs the step.
   *
   * @throws IllegalArgumentException, IOException or SelectionException with the message the step
   *     fails with
   */
  StepOutput run(String stepId, StepAction action, Inputs in)
      throws IOException, SelectionException;

  /**
   * What {@code engine plan} shows for the step, decided without a server: its output when it can
   * be computed now, and why not otherwise.
   */
  Preview preview(String stepId, StepAction action, Inputs in);

  /** What a local step reads: audio files through {@code probe}, finished upstream outputs. */
  record Inputs(AudioProbe probe, Upstream upstream, TakeSelector selector) {
    public Inputs {
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(upstream, "upstream");
      Objects.requireNonNull(selector, "selector");
    }
  }

  /**
   * @param output the step's output when it can be computed now
   * @param reason the line {@code engine plan} shows
   * @param matchesLock whether {@code --locked} accepts the step as it stands
   */
  record Preview(Optional<StepOutput> output, String reason, boolean matchesLock) {
    public Preview {
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code cached} when computed now, else {@code will render}. */
    public String mark() {
      return output.isPresent() ? "cached" : "will render";
    }
  }
}
