package dev.acepipe.validate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which task types a model runs. At run time the answer comes from the server's {@code
 * /v1/model_inventory} ({@code supported_task_types}); offline, from {@link #OFFLINE}, the lists of
 * the contract (upstream {@code acestep/constants.py}): turbo models run text2music, repaint, cover
 * and cover-nofsq; base and SFT models add extract, lego and complete. The server enforces neither.
 */
@FunctionalInterface
public interface ModelTaskTypes {
  /** The task types of turbo models. */
  List<String> TURBO = List.of("text2music", "repaint", "cover", "cover-nofsq");

  /** The task types of base and SFT models. */
  List<String> BASE =
      List.of("text2music", "repaint", "cover", "cover-nofsq", "extract", "lego", "complete");

  /**
   * The task types {@code model} runs; empty when unknown (then nothing is checked).
   *
   * @param model a DiT model name as written in {@code model:}
   */
  Optional<Set<String>> supported(String model);

  /**
   * The documented static list: a name with "turbo" in it is a turbo model (upstream names them
   * {@code acestep-v15-turbo...}), any other a base model.
   */
  ModelTaskTypes OFFLINE =
      model ->
          Optional.of(Set.copyOf(model.toLowerCase(Locale.ROOT).contains("turbo") ? TURBO : BASE));
}
