package dev.acepipe.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * A pipeline ready to run: the DAG of step instances, a deterministic topological order
 * (declaration order breaks ties) and the parallel levels (level n holds the steps whose longest
 * chain of dependencies has length n).
 *
 * @param name the pipeline name
 * @param file the pipeline file as given
 * @param seed the pipeline seed
 * @param serverPlan the resolved {@code server:} block, null for the embedded server; see {@link
 *     #server()}
 * @param order every instance, dependencies before dependents
 * @param levels instance ids per level, each level in plan order
 * @param graph vertices are instance ids; an edge u→v means v needs u; unmodifiable
 * @param outputs the resolved {@code outputs:} entries
 * @param albumPlan the resolved {@code album:} section, or null; see {@link #album()}
 * @param params the value of every {@code ${params.X}} this plan was made with (typed, canonical
 *     text)
 * @param switchModels the pipeline's {@code models: {switch: true}}: a job's model may be loaded on
 *     its server between jobs
 */
public record Plan(
    String name,
    String file,
    long seed,
    PlannedServer serverPlan,
    List<PlannedStep> order,
    List<List<String>> levels,
    Graph<String, DefaultEdge> graph,
    List<PlannedOutput> outputs,
    PlannedAlbum albumPlan,
    Map<String, String> params,
    boolean switchModels) {

  public Plan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    order = List.copyOf(order);
    levels = levels.stream().map(List::copyOf).toList();
    graph =
        graph instanceof AsUnmodifiableGraph<String, DefaultEdge>
            ? graph
            : new AsUnmodifiableGraph<>(graph);
    outputs = List.copyOf(outputs);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The album this plan produces, if the pipeline has an {@code album:} section. */
  public Optional<PlannedAlbum> album() {
    return Optional.ofNullable(albumPlan);
  }

  /**
   * The configured server; empty means the embedded one. Named like {@code Pipeline.server()},
   * whose {@code server:} block this resolves.
   */
  public Optional<PlannedServer> server() {
    return Optional.ofNullable(serverPlan);
  }

  /** Instances by id, in plan order. */
  public Map<String, PlannedStep> steps() {
    Map<String, PlannedStep> m = new LinkedHashMap<>();
    order.forEach(s -> m.put(s.id(), s));
    return Collections.unmodifiableMap(m);
  }

  /**
   * The instance {@code id}.
   *
   * @throws NoSuchElementException when there is none
   */
  public PlannedStep step(String id) {
    return order.stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no step instance '" + id + "' in plan " + name));
  }

  /** Every instance that depends on {@code id}, directly or not (what to skip when it fails). */
  public Set<String> downstreamOf(String id) {
    Set<String> out = new java.util.LinkedHashSet<>();
    BreadthFirstIterator<String, DefaultEdge> it = new BreadthFirstIterator<>(graph, id);
    while (it.hasNext()) {
      out.add(it.next());
    }
    out.remove(id);
    return Collections.unmodifiableSet(out);
  }
}
