package dev.acepipe.pool;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A ready job as the router sees it: what it needs from a server, not how it is sent.
 *
 * @param id unique in a run, e.g. {@code draft} or {@code variations[mood=dark]}; a step's job
 * @param model the DiT model it asks for
 * @param taskType the ACE-Step task type ({@code text2music}, {@code repaint}, {@code cover} ...)
 * @param adapters the LoRA adapters it needs loaded; empty = none
 * @param source where its source audio is
 * @param seeds the seeds it sends, one per take; a job moved off a failed server keeps them
 */
public record PoolJob(
    String id,
    String model,
    String taskType,
    Set<String> adapters,
    Source source,
    List<Long> seeds) {
  public PoolJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(source, "source");
    adapters = Set.copyOf(adapters);
    seeds = List.copyOf(seeds);
  }

  /** A text2music job without adapters or source. */
  public static PoolJob generate(String id, String model, List<Long> seeds) {
    return new PoolJob(id, model, "text2music", Set.of(), Source.none(), seeds);
  }
}
