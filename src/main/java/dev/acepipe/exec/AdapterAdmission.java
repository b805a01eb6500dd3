package dev.acepipe.exec;

import dev.acepipe.adapters.AdapterGate;
import dev.acepipe.adapters.AdapterSet;
import dev.acepipe.adapters.Admission;
import dev.acepipe.adapters.GateEvent;
import dev.acepipe.adapters.Setup;
import dev.acepipe.adapters.SwitchPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * The executor's side of a server's setup (LoRA adapters, and the loaded model where the pipeline
 * switches models): asks the lane's gate before a job is sent.
 */
final class AdapterAdmission {
  private AdapterAdmission() {}

  /**
   * Takes a slot of {@code r}'s lane for {@code job} and admits it through the lane's gate; false
   * leaves the job waiting without a slot (or failed with the server's reason).
   */
  static boolean takeSlot(RunState state, RunningStep r, StepAction.Job job)
      throws InterruptedException {
    if (!r.lane.bulkhead().tryAcquirePermission()) {
      return false;
    }
    if (!admit(state, r, job)) {
      r.lane.bulkhead().releasePermission(); // a waiting job holds no slot of the server
      return false;
    }
    return true;
  }

  /**
   * Whether {@code job} may be submitted now as far as its server's setup goes: it is when the
   * server has its model and adapters (switching first when no job holds another setup); false
   * leaves it waiting for a later turn, or failed with the server's reason before any GPU time.
   */
  static boolean admit(RunState state, RunningStep r, StepAction.Job job)
      throws InterruptedException {
    Setup wanted = setupOf(state, r.lane, job);
    if (r.lane.knownAdapterGate().isEmpty()) {
      if (wanted.adapters().isEmpty() && wanted.model().isEmpty()) {
        return true; // a run that never names adapters or switches models never asks about them
      }
      for (RunningStep o : state.inFlight()) {
        if (o.lane == r.lane) {
          return false; // jobs sent before the gate existed hold no place in it: let them drain
        }
      }
    }
    AdapterGate gate = r.lane.adapterGate(state.warnings::add);
    Admission a = gate.tryAcquire(r.step.id(), wanted, readyBehind(state, r));
    if (a instanceof Admission.Switch sw) {
      // By construction no job runs on the server now, so these few calls may block the loop.
      int drained = drained(gate);
      int before = gate.log().size();
      note(state, r, sw.plan(), drained);
      a = gate.switchAdapters(sw.plan());
      if (gate.log().stream().skip(before).anyMatch(e -> e.kind() == GateEvent.Kind.MODEL_LOADED)) {
        state.listener.note(
            "model: switched "
                + r.lane.name()
                + " to "
                + sw.plan().toModel().orElse("?")
                + " from "
                + sw.plan().fromModel().orElse("the model it ran")
                + " after "
                + drained
                + " job(s) drained");
      }
    }
    if (a instanceof Admission.Fail f) {
      gate.release(r.step.id());
      state.fail(r, r.lane.name() + ": " + f.reason().getMessage());
      return false;
    }
    return a instanceof Admission.Ready;
  }

  /**
   * What {@code job} needs its server to have: its adapters, and its model where the pipeline
   * switches models and the server says which models it runs (otherwise nothing could be switched,
   * and the job's model is checked as without switching).
   */
  static Setup setupOf(RunState state, ServerLane lane, StepAction.Job job)
      throws InterruptedException {
    String model = job.request().model();
    if (!job.switchModel() || model == null || model.isBlank()) {
      return Setup.of(job.adapters());
    }
    boolean known = lane.modelCheck(state.warnings::add).loaded(model).isPresent();
    return known ? Setup.of(model, job.adapters()) : Setup.of(job.adapters());
  }

  /**
   * The setups of the other jobs of {@code r}'s server that could be sent now but wait for one of
   * its slots: the gate only hears of a job once it holds a slot, and must not switch the server
   * away from what they need while they queue behind the slot.
   */
  private static List<Setup> readyBehind(RunState state, RunningStep r)
      throws InterruptedException {
    List<Setup> ready = new ArrayList<>();
    for (RunningStep o : state.steps()) {
      if (o != r
          && o.lane == r.lane
          && o.state == StepState.WAITING
          && !o.holdsPermit
          && o.action instanceof StepAction.Job j
          && state.inputsReady(o)) {
        ready.add(setupOf(state, r.lane, j));
      }
    }
    return ready;
  }

  /**
   * One console line per change of adapters, and how many jobs drained first (a model change is
   * told once {@code /v1/init} loaded it: the server may turn out to run it already).
   */
  private static void note(RunState state, RunningStep r, SwitchPlan plan, int drained) {
    if (plan.changesAdapters()) {
      state.listener.note(
          "lora: switching "
              + r.lane.name()
              + " to ["
              + plan.to()
              + "] from ["
              + plan.from().map(AdapterSet::toString).orElse("unknown")
              + "] after "
              + drained
              + " job(s) drained");
    }
  }

  /** How many jobs released the server's setup since its last switch. */
  private static int drained(AdapterGate gate) {
    List<GateEvent> log = gate.log();
    int n = 0;
    for (int i = log.size() - 1; i >= 0; i--) {
      GateEvent.Kind k = log.get(i).kind();
      if (k == GateEvent.Kind.VERIFIED || k == GateEvent.Kind.FAILED) {
        break;
      }
      if (k == GateEvent.Kind.RELEASED) {
        n++;
      }
    }
    return n;
  }
}
