package dev.acepipe.exec;

import dev.acepipe.album.Selection;
import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.PlannedStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code select}: picks one take out of its candidates by a rule, locally, without the server. The
 * chosen take is the step's only take, still on the server where it was.
 */
final class SelectHandler implements LocalHandler {
  @Override
  public StepKind kind() {
    return StepKind.SELECT;
  }

  /**
   * A select step needs nothing resolved: its rule and candidates are fixed by the plan; a {@code
   * manual} rule takes the choice {@code engine select} recorded in the lockfile.
   */
  @Override
  public StepAction action(ActionInput in) {
    return select(in.planned(), ManualChoices.of(Path.of(in.plan().file())));
  }

  static StepAction.Select select(PlannedStep s, ManualChoices manual) {
    SelectRule rule = s.selectRule().orElseThrow();
    List<AudioRef> candidates =
        s.candidates().stream().map(c -> new AudioRef(c.step(), c.take())).toList();
    if (!(rule instanceof SelectRule.Manual)) {
      return new StepAction.Select(rule, candidates);
    }
    int chosen =
        manual
            .choice(s.id())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "step '"
                            + s.id()
                            + "': pick: manual has no recorded choice; record one with"
                            + " `engine select PIPELINE "
                            + s.id()
                            + " TAKE` (TAKE: one of "
                            + candidates
                            + ")"));
    if (chosen >= candidates.size()) {
      throw new IllegalArgumentException(
          "step '"
              + s.id()
              + "': the recorded choice "
              + chosen
              + " is not one of its "
              + candidates.size()
              + " candidates; record it again with `engine select`");
    }
    return new StepAction.Select(
        new SelectRule.Manual(candidateId(candidates.get(chosen))), candidates);
  }

  /** How the executor names a candidate take to the selector: {@code step#take}. */
  static String candidateId(AudioRef ref) {
    return ref.stepId() + "#" + ref.take();
  }

  /**
   * Picks one of the candidate takes; it becomes take 0 of this step, still on the server where it
   * was.
   */
  @Override
  public StepOutput run(String stepId, StepAction action, Inputs in)
      throws IOException, SelectionException {
    return pick(stepId, (StepAction.Select) action, in.upstream(), in.selector());
  }

  static StepOutput pick(
      String stepId, StepAction.Select sel, Upstream upstream, TakeSelector selector)
      throws IOException, SelectionException {
    List<dev.acepipe.album.Take> candidates = new ArrayList<>();
    List<TakeResult> results = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    // A take that failed its expect: is never picked: comparing rules skip it, index and manual
    // refuse it.
    boolean named =
        sel.rule() instanceof SelectRule.Index || sel.rule() instanceof SelectRule.Manual;
    for (AudioRef ref : sel.candidates()) {
      TakeResult t = upstream.output(ref.stepId()).take(ref.take());
      if (!t.passedChecks() && !named) {
        rejected.add(candidateId(ref) + " (" + t.check().describe() + ")");
        continue;
      }
      results.add(t);
      candidates.add(
          dev.acepipe.album.Take.of(candidateId(ref), t.localPath(), t.audio().durationSeconds()));
    }
    if (candidates.isEmpty()) {
      throw new SelectionException(
          "every candidate take failed its checks: " + String.join("; ", rejected));
    }
    Selection chosen = selector.select(candidates, sel.rule());
    TakeResult picked = results.get(chosen.position());
    if (!picked.passedChecks()) {
      throw new SelectionException(
          sel.rule().describe()
              + ": "
              + chosen.take().id()
              + " failed its checks ("
              + picked.check().describe()
              + "); a failed take is never selected");
    }
    return new StepOutput(
        stepId,
        List.of(picked.withIndex(0)),
        new Fields(
            picked.audio().durationSeconds(),
            picked.localPath(),
            chosen.take().id(),
            chosen.reason()));
  }

  /**
   * A select runs locally on its candidates' takes: with all of them known, plan picks as the run
   * would.
   */
  @Override
  public Preview preview(String stepId, StepAction action, Inputs in) {
    try {
      return new Preview(
          Optional.of(run(stepId, action, in)), "picks locally from known takes", true);
    } catch (IllegalArgumentException e) {
      return new Preview(Optional.empty(), "picks once its candidates rendered", true);
    } catch (IOException | SelectionException e) {
      return new Preview(Optional.empty(), "cannot pick yet: " + e.getMessage(), true);
    }
  }

  /** The pick's length and file, the candidate chosen ({@code step#take}) and why. */
  record Fields(double duration, Path file, String selected, String reason) implements StepFields {}
}
