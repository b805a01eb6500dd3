package dev.acepipe.report.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the CI reports (HTML, JUnit XML, GitHub summary) know about one finished run. Plain
 * data: build it from the executor's result or from a run manifest; the reports never look anywhere
 * else.
 *
 * @param pipelineName the pipeline's {@code name:}
 * @param pipelineFile the pipeline file as the user named it (used for annotations and links)
 * @param runId the run directory's id
 * @param startedAt when the run started
 * @param finishedAt when the run stopped (finished, failed or was interrupted); not before {@code
 *     startedAt}
 * @param exitCode the exit code the run command ends with (see {@code cli.ExitCodes})
 * @param error why the run as a whole stopped (server unreachable, interrupted ...), or {@code ""}
 * @param steps every step in plan order; ids unique; dependencies name steps of this list and form
 *     no cycle
 * @param renderer which server rendered (URL and version, or the embedded synthesizer), or {@code
 *     ""}
 * @param outputs the {@code outputs:} files of the run
 * @param album the album the run wrote, or null
 */
public record RunReport(
    String pipelineName,
    String pipelineFile,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    String error,
    List<StepRun> steps,
    String renderer,
    List<OutputFileRun> outputs,
    AlbumRun album) {

  public RunReport {
    renderer = renderer == null ? "" : renderer;
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(pipelineFile, "pipelineFile");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException(
          "run finished (" + finishedAt + ") before it started (" + startedAt + ")");
    }
    error = error == null ? "" : error;
    steps = List.copyOf(steps);
    checkGraph(steps);
  }

  /** How long the run took. */
  public Duration elapsed() {
    return Duration.between(startedAt, finishedAt);
  }

  /** True when the run command exits 0. */
  public boolean succeeded() {
    return exitCode == 0;
  }

  public Optional<StepRun> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** How many steps ended in {@code state}. */
  public long count(StepRun.State state) {
    return steps.stream().filter(s -> s.state() == state).count();
  }

  /**
   * The steps by how they ended, as both the HTML report and the job summary state them: {@code 3
   * passed, 1 cached, 0 failed, 0 skipped}.
   */
  public String stateCounts() {
    return String.format(
        Locale.ROOT,
        "%d passed, %d cached, %d failed, %d skipped",
        count(StepRun.State.PASSED),
        count(StepRun.State.CACHED),
        count(StepRun.State.FAILED),
        count(StepRun.State.SKIPPED));
  }

  /**
   * Failing early here keeps every report (and the graph layout) free of dangling edges and cycles.
   */
  private static void checkGraph(List<StepRun> steps) {
    Map<String, StepRun> byId = new HashMap<>();
    for (StepRun s : steps) {
      if (byId.put(s.id(), s) != null) {
        throw new IllegalArgumentException("step id '" + s.id() + "' appears twice");
      }
    }
    for (StepRun s : steps) {
      for (String d : s.dependsOn()) {
        if (!byId.containsKey(d)) {
          throw new IllegalArgumentException(
              "step '" + s.id() + "' depends on '" + d + "', which is not in the run");
        }
      }
    }
    List<String> cycle = findCycle(steps, byId);
    if (!cycle.isEmpty()) {
      throw new IllegalArgumentException(
          "steps depend on each other in a cycle: " + String.join(" -> ", cycle));
    }
  }

  private static List<String> findCycle(List<StepRun> steps, Map<String, StepRun> byId) {
    Set<String> done = new java.util.HashSet<>();
    for (StepRun start : steps) {
      if (done.contains(start.id())) {
        continue;
      }
      // Iterative DFS: the path on the stack is the cycle when we meet one of its members again.
      LinkedHashSet<String> path = new LinkedHashSet<>();
      Deque<Frame> stack = new ArrayDeque<>();
      path.add(start.id());
      stack.push(new Frame(start.id(), byId.get(start.id()).dependsOn()));
      while (!stack.isEmpty()) {
        Frame top = stack.peek();
        if (top.next < top.deps.size()) {
          String d = top.deps.get(top.next++);
          if (path.contains(d)) {
            List<String> cycle = new ArrayList<>();
            boolean in = false;
            for (String p : path) {
              in |= p.equals(d);
              if (in) {
                cycle.add(p);
              }
            }
            cycle.add(d);
            return cycle;
          }
          if (!done.contains(d)) {
            path.add(d);
            stack.push(new Frame(d, byId.get(d).dependsOn()));
          }
        } else {
          stack.pop();
          path.remove(top.id);
          done.add(top.id);
        }
      }
    }
    return List.of();
  }

  private static final class Frame {
    final String id;
    final List<String> deps;
    int next;

    Frame(String id, List<String> deps) {
      this.id = id;
      this.deps = deps;
    }
  }
}
