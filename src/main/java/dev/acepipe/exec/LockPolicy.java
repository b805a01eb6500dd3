package dev.acepipe.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.LockedTake;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.PinnedResult;
import dev.acepipe.store.StaleExplainer;
import dev.acepipe.store.StepInput;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * What a run takes from the previous lockfile, and what {@code --locked} holds it to.
 *
 * <p>In every run: the pinned answer of a {@code format} or {@code random} step is reused while the
 * step's recipe (kind and request), its reroll counter and the absence of {@code --force}/{@code
 * --from} say it still applies, and so are the caption and lyrics a {@code sample} step's language
 * model wrote (its audio is pinned by hash like every job's); new answers are collected for the
 * next lockfile.
 *
 * <p>With {@code enforce} ({@code run --locked}): a job step whose fingerprint is not the locked
 * one fails with the reasons; a {@code format}/{@code random} step without a pinned answer fails;
 * and on a server that honours seeds, a step rendered again (its outputs were not in the store,
 * e.g. on a fresh CI runner) or taken from the store must have exactly the locked take hashes. Each
 * of these throws {@link LockMismatchException} from inside the step's handling, so the step fails
 * with that message and the run goes on as for any failed step.
 */
public final class LockPolicy {
  private static final ObjectMapper JSON = JsonMappers.standard();

  /** What a {@code sample} step's language model writes and the steps after it read as text. */
  private static final List<String> SAMPLE_TEXT = List.of("caption", "lyrics");

  private final Lockfile previous;
  private final boolean enforce;
  private final Set<String> forced;
  private final Map<String, Integer> rerolls;
  private final BooleanSupplier seedsHonoured;
  private final SortedMap<String, PinnedResult> pinned = new TreeMap<>();

  /**
   * @param previous the lockfile beside the pipeline (empty when there is none)
   * @param enforce {@code --locked}
   * @param forced instances rendered regardless of the store ({@code --force}, {@code --from}):
   *     their answers are drawn again
   * @param rerolls instance id → reroll counter of this run
   * @param seedsHonoured asked (once a step has rendered) whether the server honours seeds, i.e.
   *     whether its bytes can be held to the lockfile's hashes
   */
  public LockPolicy(
      Lockfile previous,
      boolean enforce,
      Set<String> forced,
      Map<String, Integer> rerolls,
      BooleanSupplier seedsHonoured) {
    this.previous = Objects.requireNonNull(previous, "previous");
    this.enforce = enforce;
    this.forced = Set.copyOf(forced);
    this.rerolls = Map.copyOf(rerolls);
    this.seedsHonoured = Objects.requireNonNull(seedsHonoured, "seedsHonoured");
  }

  /** The lockfile beside the pipeline, as the run found it. */
  Lockfile previous() {
    return previous;
  }

  /** A policy that reuses nothing and enforces nothing (no lockfile). */
  public static LockPolicy none(String pipeline) {
    return new LockPolicy(Lockfile.empty(pipeline), false, Set.of(), Map.of(), () -> false);
  }

  /** Whether this run checks against the lockfile ({@code --locked}). */
  public boolean enforced() {
    return enforce;
  }

  // ---- pinned answers
  // ----------------------------------------------------------------------------------------

  /**
   * The pinned answer of a {@code format} or {@code random} step when it still applies; empty for
   * other actions or when the step must ask the server (and then, under {@code --locked}, a {@link
   * LockMismatchException}).
   */
  public Optional<StepOutput> reuse(String stepId, StepAction action) {
    Optional<StepOutput> out = pinnedOutput(previous, stepId, action, forced, rerolls);
    if (out.isPresent()) {
      previous.pinned(stepId).ifPresent(p -> pinned.put(stepId, p));
    } else if (enforce && isPinnable(action)) {
      throw new LockMismatchException(
          "--locked: the lockfile pins no "
              + action.kind()
              + " answer for step '"
              + stepId
              + "'"
              + previous.pinned(stepId).map(p -> " matching its recipe").orElse("")
              + "; run without --locked and commit the lockfile");
    }
    return out;
  }

  /**
   * Records the answer a {@code format}, {@code random} or {@code sample} step got, for the next
   * lockfile.
   */
  public void record(String stepId, StepAction action, StepOutput output) {
    if (isPinnable(action)) {
      pinned.put(
          stepId,
          new PinnedResult(
              action.kind(),
              recipe(action),
              rerolls.getOrDefault(stepId, 0),
              JSON.valueToTree(output.fields())));
    } else if (isSample(action)) {
      ObjectNode text = JsonNodeFactory.instance.objectNode();
      for (String field : SAMPLE_TEXT) {
        Object v = output.fields().get(field);
        if (v instanceof String t) {
          text.put(field, t);
        }
      }
      pinned.put(
          stepId,
          new PinnedResult(action.kind(), recipe(action), rerolls.getOrDefault(stepId, 0), text));
    }
  }

  /**
   * A {@code sample} step's output with the caption and lyrics its language model wrote the first
   * time, when they are pinned for its recipe: a re-render (on a fresh runner, or a server whose LM
   * samples differently) then hands the steps after it the same text. Other outputs are returned as
   * they are.
   */
  public StepOutput settle(String stepId, StepAction action, StepOutput output) {
    Map<String, Object> text = pinnedSampleText(previous, stepId, action, forced, rerolls);
    if (text.isEmpty()) {
      return output;
    }
    previous.pinned(stepId).ifPresent(p -> pinned.put(stepId, p));
    Map<String, Object> fields = new LinkedHashMap<>(output.fields());
    fields.putAll(text);
    return new StepOutput(output.stepId(), output.takes(), fields);
  }

  /** The pinned caption and lyrics of a {@code sample} step, or an empty map when none apply. */
  public static Map<String, Object> pinnedSampleText(
      Lockfile lock,
      String stepId,
      StepAction action,
      Set<String> forced,
      Map<String, Integer> rerolls) {
    if (!isSample(action) || forced.contains(stepId)) {
      return Map.of();
    }
    return lock.pinned(stepId)
        .filter(p -> p.kind().equals(action.kind()))
        .filter(p -> p.reroll() == rerolls.getOrDefault(stepId, 0))
        .filter(p -> p.recipe().equals(recipe(action)))
        .map(p -> fieldsOf(p.fields()))
        .orElse(Map.of());
  }

  private static boolean isSample(StepAction action) {
    return StepHandlers.of(action) instanceof JobHandler j && j.pinsLmText();
  }

  /** {@code next} with the answers pinned by this run (reused or new). */
  public Lockfile pinInto(Lockfile next) {
    Lockfile out = next;
    for (Map.Entry<String, PinnedResult> e : pinned.entrySet()) {
      out = out.withPinned(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The answers pinned by this run so far, by instance id. */
  public SortedMap<String, PinnedResult> pinned() {
    return Collections.unmodifiableSortedMap(pinned);
  }

  /**
   * The output a pinned answer gives the steps after it, as the live call gave it; empty when
   * {@code action} is not a pinnable call, nothing is pinned, or the pin no longer applies (recipe
   * edited, rerolled, forced).
   */
  public static Optional<StepOutput> pinnedOutput(
      Lockfile lock,
      String stepId,
      StepAction action,
      Set<String> forced,
      Map<String, Integer> rerolls) {
    if (!isPinnable(action) || forced.contains(stepId)) {
      return Optional.empty();
    }
    return lock.pinned(stepId)
        .filter(p -> p.kind().equals(action.kind()))
        .filter(p -> p.reroll() == rerolls.getOrDefault(stepId, 0))
        .filter(p -> p.recipe().equals(recipe(action)))
        .map(p -> new StepOutput(stepId, List.of(), fieldsOf(p.fields())));
  }

  static boolean isPinnable(StepAction action) {
    return StepHandlers.of(action) instanceof AnswerHandler;
  }

  /** The fingerprint of a call as resolved: its kind and every request field. */
  static Fingerprint recipe(StepAction action) {
    if (action instanceof StepAction.Job job) {
      return Fingerprint.of(Recipes.request(job), List.of());
    }
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("kind", action.kind());
    if (StepHandlers.of(action) instanceof AnswerHandler answer) {
      answer.recipe(action, r);
    }
    return Fingerprint.of(r, List.of());
  }

  /**
   * The answer's fields with the Java types a live call gives them, so templates that read them
   * resolve to the very same request: integral numbers as {@code Integer}, {@code duration} always
   * as {@code Double} (canonical JSON writes {@code 30.0} as {@code 30}), booleans and text as they
   * are.
   */
  static Map<String, Object> fieldsOf(ObjectNode fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Object value;
      if (v.isNull()) {
        value = null;
      } else if (v.isBoolean()) {
        value = v.booleanValue();
      } else if (v.isNumber()) {
        value =
            e.getKey().equals("duration") || !v.canConvertToExactIntegral()
                ? (Object) v.doubleValue()
                : (Object) v.intValue();
      } else {
        value = v.asText();
      }
      out.put(e.getKey(), value);
    }
    return out;
  }

  // ---- --locked
  // ----------------------------------------------------------------------------------------------

  /** Under {@code --locked}: the job step's recipe must be the locked one. */
  void checkRecipe(
      String stepId, ObjectNode request, List<StepInput> inputs, Fingerprint fingerprint) {
    if (!enforce) {
      return;
    }
    Optional<LockEntry> locked = previous.step(stepId);
    if (locked.isEmpty()) {
      throw new LockMismatchException("--locked: step '" + stepId + "' is not in the lockfile");
    }
    if (!locked.get().fingerprint().equals(fingerprint)) {
      throw new LockMismatchException(
          "--locked: step '"
              + stepId
              + "' does not match the lockfile ("
              + StaleExplainer.explain(locked.get(), request, inputs, false).reason()
              + ")");
    }
  }

  /**
   * Under {@code --locked}, on a server that honours seeds: the takes of a step (rendered again, or
   * from the store) must be the locked bytes. A server that ignores seeds cannot repeat a render,
   * so only the recipe is held.
   */
  void checkTakes(String stepId, List<String> sha256s, boolean rendered) {
    if (!enforce) {
      return;
    }
    Optional<LockEntry> locked = previous.step(stepId);
    if (locked.isEmpty() || (rendered && !seedsHonoured.getAsBoolean())) {
      return;
    }
    List<String> want = locked.get().takes().stream().map(LockedTake::sha256).toList();
    if (want.equals(sha256s)) {
      return;
    }
    StringBuilder why =
        new StringBuilder("--locked: step '" + stepId + "' ")
            .append(rendered ? "rendered" : "has stored")
            .append(" different audio than the lockfile pins");
    if (want.size() != sha256s.size()) {
      why.append(" (")
          .append(sha256s.size())
          .append(" takes, locked ")
          .append(want.size())
          .append(')');
    } else {
      for (int i = 0; i < want.size(); i++) {
        if (!want.get(i).equals(sha256s.get(i))) {
          why.append(" (take ")
              .append(i)
              .append(": sha256 ")
              .append(sha256s.get(i), 0, 12)
              .append("…, locked ")
              .append(want.get(i), 0, 12)
              .append("…)");
          break;
        }
      }
    }
    throw new LockMismatchException(why.toString());
  }
}
