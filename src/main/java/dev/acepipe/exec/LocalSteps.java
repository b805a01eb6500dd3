package dev.acepipe.exec;

import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import dev.acepipe.client.AceStepException;
import java.io.IOException;

/**
 * Runs the steps that finish at once: a server answer ({@link AnswerHandler}: format, random) on
 * the step's lane, or local work ({@link LocalHandler}: import, select). Every failure fails the
 * step only, except an unreachable server or a refused key, which stop the run.
 */
final class LocalSteps {
  private final RunState state;
  private final TakeSelector selector = new TakeSelector();

  LocalSteps(RunState state) {
    this.state = state;
  }

  void run(RunningStep r) throws InterruptedException {
    ServerLane lane = r.lane;
    r.state = StepState.RUNNING;
    r.startedAt = state.clock.instant();
    state.notifyChanged(r);
    try {
      StepHandler handler = StepHandlers.of(r.action);
      StepOutput out;
      if (handler instanceof AnswerHandler h) {
        out = lane.guard().call(() -> h.ask(r.step.id(), r.action, lane.client()));
      } else if (handler instanceof LocalHandler h) {
        out =
            h.run(
                r.step.id(),
                r.action,
                new LocalHandler.Inputs(state.probe, state::outputOf, selector));
      } else {
        throw new IllegalStateException("jobs are not synchronous");
      }
      state.succeed(r, out);
    } catch (AceStepException e) {
      lane.stopIfRefused(e);
      lane.noteLmRefusal(e);
      state.fail(r, JobHints.refusal(lane.name(), e));
    } catch (IllegalArgumentException e) {
      state.fail(r, e.getMessage());
    } catch (IOException e) {
      state.fail(r, "cannot read " + e.getMessage());
    } catch (SelectionException e) {
      state.fail(r, e.getMessage());
    } catch (ServerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      state.fail(r, RunState.messageOf(e));
    }
  }
}
