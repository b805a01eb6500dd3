package dev.acepipe.exec;

import dev.acepipe.adapters.AdapterGate;
import dev.acepipe.adapters.AdapterSet;
import dev.acepipe.adapters.Admission;
import dev.acepipe.adapters.GateEvent;
import java.util.List;

/** The executor's side of a server's LoRA adapters: asks the lane's gate before a job is sent. */
final class AdapterAdmission {
  private AdapterAdmission() {}

  /**
   * Whether {@code job} may be submitted now as far as its server's LoRA adapters go: it is when
   * the server has its set (switching first when no job holds another set); false leaves it waiting
   * for a later turn, or failed with the server's reason before any GPU time.
   */
  static boolean admit(RunState state, RunningStep r, StepAction.Job job)
      throws InterruptedException {
    if (r.lane.knownAdapterGate().isEmpty()) {
      if (job.adapters().isEmpty()) {
        return true; // a run that never names adapters never asks the server about them
      }
      for (RunningStep o : state.inFlight()) {
        if (o.lane == r.lane) {
          return false; // jobs sent before the gate existed hold no place in it: let them drain
        }
      }
    }
    AdapterGate gate = r.lane.adapterGate(state.warnings::add);
    Admission a = gate.tryAcquire(r.step.id(), job.adapters());
    if (a instanceof Admission.Switch sw) {
      // By construction no job runs on the server now, so these few calls may block the loop.
      state.listener.note(
          "lora: switching "
              + r.lane.name()
              + " to ["
              + job.adapters()
              + "] from ["
              + sw.plan().from().map(AdapterSet::toString).orElse("unknown")
              + "] after "
              + drained(gate)
              + " job(s) drained");
      a = gate.switchAdapters(sw.plan());
    }
    if (a instanceof Admission.Fail f) {
      gate.release(r.step.id());
      state.fail(r, r.lane.name() + ": " + f.reason().getMessage());
      return false;
    }
    return a instanceof Admission.Ready;
  }

  /** How many jobs released the server's adapters since its last switch. */
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
