package dev.acepipe.exec;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/**
 * The state of one run that the executor's parts share: every step's {@link RunningStep}, the step
 * graph, and the outcomes (succeed, fail and skip what depends on a failure, finish). Only the loop
 * thread touches it, except {@link #cancel}; in a pool run, only a thread holding {@link #lock}.
 */
final class RunState {
  final ExecutorOptions options;
  final RunJournal journal;
  final RunListener listener;
  final Clock clock;
  final AudioProbe probe;

  /** Held by every thread that touches this state in a pool run ({@link PoolRun}). */
  final RunLock lock;

  final List<String> warnings = new ArrayList<>();
  private final Map<String, RunningStep> runs = new LinkedHashMap<>();
  private final DirectedAcyclicGraph<String, DefaultEdge> graph;
  private volatile boolean cancelled;
  private boolean stopSubmitting;

  /** Completed {@code /query_result} rounds. */
  long polls;

  /** Counts state and stage changes, so the loop can tell a round that achieved nothing. */
  long changes;

  /**
   * @throws IllegalArgumentException when a step needs an unknown step or the steps form a cycle
   */
  RunState(List<ExecStep> steps, RunServices services) {
    this.lock = services.lock();
    this.options = services.options();
    this.journal = services.journal();
    this.listener = services.listener();
    this.clock = services.clock();
    this.probe = services.probe();
    this.graph = buildGraph(steps);
    for (ExecStep s : steps) {
      runs.put(s.id(), new RunningStep(s));
    }
  }

  Iterable<RunningStep> steps() {
    return runs.values();
  }

  RunningStep step(String id) {
    return runs.get(id);
  }

  /** Thread-safe: the loop stops submitting and leaves in-flight tasks to the server. */
  void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Whether the loop may submit anything more (not cancelled, no fail-fast stop). */
  boolean submitting() {
    return !cancelled && !stopSubmitting;
  }

  boolean anyIn(StepState state) {
    return runs.values().stream().anyMatch(r -> r.state == state);
  }

  /** Every step with a task on a server, in plan order. */
  List<RunningStep> inFlight() {
    return runs.values().stream()
        .filter(r -> r.state == StepState.RUNNING && r.taskId != null)
        .toList();
  }

  boolean inputsReady(RunningStep r) {
    return r.step.needs().stream().allMatch(n -> runs.get(n).state.hasOutput());
  }

  boolean anyReady() {
    return runs.values().stream().anyMatch(r -> r.state == StepState.WAITING && inputsReady(r));
  }

  /** The output of a finished step, for templates and inputs. */
  StepOutput outputOf(String stepId) {
    RunningStep r = runs.get(stepId);
    if (r == null || r.output == null) {
      throw new Upstream.NotFinishedException(stepId, "has no output");
    }
    return r.output;
  }

  void succeed(RunningStep r, StepOutput produced) {
    StepOutput out = journal.settled(r.step.id(), r.action, produced);
    r.output = out;
    journal.finished(r.step.id(), r.action, out);
    finish(r, StepState.SUCCEEDED, null);
  }

  /** Fails {@code r} and skips what depends on it; under fail-fast, everything still waiting. */
  void fail(RunningStep r, String message) {
    finish(r, StepState.FAILED, message);
    journal.failed(r.step.id());
    for (String d : new TreeSet<>(graph.getDescendants(r.step.id()))) {
      RunningStep dr = runs.get(d);
      if (dr.state == StepState.WAITING) {
        dr.skippedBecause = r.step.id();
        finish(dr, StepState.SKIPPED, null);
      }
    }
    if (options.failFast()) {
      stopSubmitting = true;
      skipAllWaiting("--fail-fast after '" + r.step.id() + "' failed");
    }
  }

  void finish(RunningStep r, StepState state, String error) {
    r.state = state;
    r.error = error;
    r.finishedAt = clock.instant();
    r.jobEnded(
        r.finishedAt,
        switch (state) {
          case SUCCEEDED -> StepReport.Job.End.SUCCEEDED;
          case FAILED -> StepReport.Job.End.FAILED;
          default -> StepReport.Job.End.CANCELLED;
        });
    if (r.holdsPermit) {
      r.holdsPermit = false;
      r.lane.release(r.step.id(), state == StepState.SUCCEEDED);
    }
    if (r.lane != null) {
      // whatever ended the job, its server's adapters may change for the next set
      r.lane.releaseSetup(r.step.id());
    }
    notifyChanged(r);
  }

  void skipAllWaiting(String why) {
    for (RunningStep r : runs.values()) {
      if (r.state == StepState.WAITING) {
        r.events.add("not run: " + why);
        finish(r, StepState.SKIPPED, null);
      }
    }
  }

  /** Marks every running step abandoned, adding its task id to {@code ids}. */
  void abandonInFlight(List<String> ids) {
    for (RunningStep r : runs.values()) {
      if (r.state == StepState.RUNNING) {
        if (r.taskId != null) {
          ids.add(r.taskId);
        }
        finish(
            r,
            StepState.ABANDONED,
            "left in flight on the server" + (r.taskId == null ? "" : " as task " + r.taskId));
      }
    }
  }

  void notifyChanged(RunningStep r) {
    changes++;
    listener.stepChanged(r.view(clock.instant()));
  }

  List<StepView> views() {
    Instant now = clock.instant();
    return runs.values().stream().map(r -> r.view(now)).toList();
  }

  List<StepReport> reports() {
    return runs.values().stream().map(RunningStep::report).toList();
  }

  /**
   * The message a step fails with when something unexpected went wrong: the exception's, or its
   * type.
   */
  static String messageOf(RuntimeException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "unexpected " + e.getClass().getSimpleName() : m;
  }

  private static DirectedAcyclicGraph<String, DefaultEdge> buildGraph(List<ExecStep> steps) {
    DirectedAcyclicGraph<String, DefaultEdge> g = new DirectedAcyclicGraph<>(DefaultEdge.class);
    Set<String> ids = new TreeSet<>();
    for (ExecStep s : steps) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("step '" + s.id() + "' appears twice");
      }
      g.addVertex(s.id());
    }
    for (ExecStep s : steps) {
      for (String n : s.needs()) {
        if (!ids.contains(n)) {
          throw new IllegalArgumentException(
              "step '" + s.id() + "' needs unknown step '" + n + "'");
        }
        try {
          g.addEdge(n, s.id());
        } catch (IllegalArgumentException cycle) {
          throw new IllegalArgumentException(
              "steps '" + n + "' and '" + s.id() + "' depend on each other (cycle)");
        }
      }
    }
    return g;
  }
}
