package dev.acepipe.adapters;

import dev.acepipe.client.ModelInventory;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a step's model exists on its server and runs the step's task type, answered before
 * anything is submitted: upstream does not check either (an unknown model name silently falls back
 * to the primary model, an unsupported task type silently renders something else).
 *
 * <p>The facts come from the server's {@code /v1/model_inventory} where it has one ({@link
 * #of(ModelInventory)}); from a model list without task types ({@code /v1/models}), the task types
 * are the documented ones; offline ({@link #offline()}) only the task types can be checked, since
 * which models a server has is unknown.
 *
 * <p>Documented task types (upstream {@code acestep/constants.py}): turbo models run {@link
 * #TURBO_TASKS}; base and SFT models {@link #BASE_TASKS}. A model is a turbo model when its {@code
 * config.json} says {@code is_turbo}; upstream's model names say "turbo" exactly then, which is
 * what the offline rule reads.
 */
public final class ModelCheck {
  /** What turbo models run. */
  public static final List<String> TURBO_TASKS =
      List.of("text2music", "repaint", "cover", "cover-nofsq");

  /** What base and SFT models run: the turbo tasks plus the stem tasks. */
  public static final List<String> BASE_TASKS =
      List.of("text2music", "repaint", "cover", "cover-nofsq", "extract", "lego", "complete");

  /** Where a verdict's task types come from. */
  public enum Source {
    /** The server's {@code supported_task_types}. */
    SERVER,
    /** The documented lists, by the model's name. */
    DOCUMENTED
  }

  /** The answer for one step. */
  public sealed interface Verdict {
    /** The diagnostic code: {@code ok}, {@code unknown-model}, {@code task-not-supported}. */
    String code();

    /** One sentence for the user; for {@link Ok}, what was checked. */
    String message();

    default boolean ok() {
      return this instanceof Ok;
    }
  }

  /** The model exists (or cannot be known offline) and runs the task type. */
  public record Ok(String model, String taskType, List<String> taskTypes, Source source)
      implements Verdict {
    public Ok {
      taskTypes = List.copyOf(taskTypes);
    }

    @Override
    public String code() {
      return "ok";
    }

    @Override
    public String message() {
      return "model '" + model + "' runs " + taskType;
    }
  }

  /**
   * The server has no model of that name.
   *
   * @param didYouMean the server's names closest to {@code model}, best first (at most three)
   * @param available every name the server has
   */
  public record UnknownModel(String model, List<String> didYouMean, List<String> available)
      implements Verdict {
    public UnknownModel {
      didYouMean = List.copyOf(didYouMean);
      available = List.copyOf(available);
    }

    @Override
    public String code() {
      return "unknown-model";
    }

    @Override
    public String message() {
      String base = "the server has no model '" + model + "'";
      if (!didYouMean.isEmpty()) {
        return base + "; did you mean " + String.join(" or ", quoted(didYouMean)) + "?";
      }
      return base + " (it has " + String.join(", ", available) + ")";
    }
  }

  /** The model exists but does not run the step's task type. */
  public record TaskNotSupported(
      String model, String taskType, List<String> taskTypes, Source source) implements Verdict {
    public TaskNotSupported {
      taskTypes = List.copyOf(taskTypes);
    }

    @Override
    public String code() {
      return "task-not-supported";
    }

    @Override
    public String message() {
      String kind =
          taskTypes.contains("extract") ? "" : " (a turbo model; stems need a base model)";
      return "model '"
          + model
          + "' does not run "
          + taskType
          + kind
          + ": it runs "
          + String.join(", ", taskTypes)
          + (source == Source.DOCUMENTED ? " (documented lists)" : "");
    }
  }

  private final Optional<ModelInventory> inventory;

  private ModelCheck(Optional<ModelInventory> inventory) {
    this.inventory = inventory;
  }

  /** Checks against what a server reported. */
  public static ModelCheck of(ModelInventory inventory) {
    return new ModelCheck(Optional.of(inventory));
  }

  /** Checks task types against the documented lists only; every model name is accepted. */
  public static ModelCheck offline() {
    return new ModelCheck(Optional.empty());
  }

  /** The documented task types of a model, by its name. */
  public static List<String> documentedTasks(String model) {
    return model.toLowerCase(Locale.ROOT).contains("turbo") ? TURBO_TASKS : BASE_TASKS;
  }

  /**
   * Checks {@code taskType} on {@code model}; an empty model means the server's default (its {@code
   * is_default} model, else its first; offline, a turbo model, as upstream ships one).
   */
  public Verdict check(Optional<String> model, String taskType) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(taskType, "taskType");
    String task = taskType.strip().toLowerCase(Locale.ROOT);
    if (inventory.isEmpty()) {
      String name = model.orElse("acestep-v15-turbo");
      return verdict(name, task, documentedTasks(name), Source.DOCUMENTED);
    }
    List<ModelInventory.Model> models = inventory.get().models();
    Optional<ModelInventory.Model> found =
        model.isEmpty()
            ? models.stream()
                .filter(ModelInventory.Model::isDefault)
                .findFirst()
                .or(() -> models.stream().findFirst())
            : models.stream().filter(m -> m.name().equals(model.get().strip())).findFirst();
    if (found.isEmpty()) {
      String name = model.orElse("(default)");
      List<String> names = models.stream().map(ModelInventory.Model::name).toList();
      return new UnknownModel(name, closest(name, names), names);
    }
    ModelInventory.Model m = found.get();
    return m.taskTypes().isEmpty()
        ? verdict(m.name(), task, documentedTasks(m.name()), Source.DOCUMENTED)
        : verdict(m.name(), task, m.taskTypes(), Source.SERVER);
  }

  /**
   * Whether the server reports {@code model} loaded; empty when it does not say (offline, a model
   * list without loaded flags, or a name it does not have).
   */
  public Optional<Boolean> loaded(String model) {
    return inventory.flatMap(
        inv ->
            inv.models().stream()
                .filter(m -> m.name().equals(model.strip()))
                .findFirst()
                .flatMap(ModelInventory.Model::loaded));
  }

  /** The models the server reports loaded (none when it does not say). */
  public List<String> loadedModels() {
    return inventory
        .map(
            inv ->
                inv.models().stream()
                    .filter(m -> m.loaded().orElse(false))
                    .map(ModelInventory.Model::name)
                    .toList())
        .orElse(List.of());
  }

  /** As {@link #check(Optional, String)} for a named model. */
  public Verdict check(String model, String taskType) {
    return check(Optional.of(model), taskType);
  }

  private static Verdict verdict(String model, String task, List<String> types, Source source) {
    return types.contains(task)
        ? new Ok(model, task, types, source)
        : new TaskNotSupported(model, task, types, source);
  }

  /**
   * The names within a small edit distance of {@code wanted} (ignoring case), or containing it,
   * best first.
   */
  static List<String> closest(String wanted, List<String> names) {
    String w = wanted.toLowerCase(Locale.ROOT);
    // upstream names share a long prefix ("acestep-v15-"), so the bound is on the differing rest
    int limit = Math.max(2, w.length() / 5);
    List<Scored> near =
        names.stream()
            .map(n -> new Scored(n, distance(w, n.toLowerCase(Locale.ROOT))))
            .filter(
                s ->
                    s.distance() <= limit
                        || (w.length() >= 3 && s.name().toLowerCase(Locale.ROOT).contains(w)))
            .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
            .toList();
    if (near.isEmpty()) {
      return List.of();
    }
    int best = near.get(0).distance();
    return near.stream()
        .filter(s -> s.distance() <= best + 1 || s.name().toLowerCase(Locale.ROOT).contains(w))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  private record Scored(String name, int distance) {}

  /** Levenshtein distance, two rows. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static List<String> quoted(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").toList();
  }
}
