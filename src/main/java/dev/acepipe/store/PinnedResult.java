package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The pinned answer of a language-model call ({@code format}, {@code random}) in the lockfile. Such
 * calls are cheap but not reproducible (a real server's LM samples; {@code random} is random by
 * definition), and every step after them is fingerprinted from their answer: pinned, the answer is
 * reused by every later run until the step is edited, rerolled or forced, so the whole pipeline
 * re-renders byte for byte from the pipeline and its lockfile.
 *
 * @param kind the step kind ({@code format}, {@code random})
 * @param recipe fingerprint of the call as resolved (kind and every request field); an edit changes
 *     it
 * @param reroll the step's reroll counter when the answer was drawn; {@code --reroll} draws a new
 *     one
 * @param fields the answer as the steps after it read it ({@code caption}, {@code lyrics}, {@code
 *     bpm} ...)
 */
public record PinnedResult(String kind, Fingerprint recipe, int reroll, ObjectNode fields) {
  public PinnedResult {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("a pinned result needs its step kind");
    }
    Objects.requireNonNull(recipe, "recipe");
    if (reroll < 0) {
      throw new IllegalArgumentException("reroll must be >= 0, got " + reroll);
    }
    Secrets.requireNone(fields, "fields");
    fields = fields.deepCopy();
  }

  @Override
  public ObjectNode fields() {
    return fields.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("kind", kind);
    o.put("recipe", recipe.toString());
    o.put("reroll", reroll);
    o.set("fields", fields.deepCopy());
    return o;
  }

  static PinnedResult fromJson(JsonNode o, String where) throws StoreFormatException {
    if (!o.isObject()) {
      throw new StoreFormatException(where + ": expected an object");
    }
    try {
      return new PinnedResult(
          Json.text(o, "kind", where),
          Json.fingerprint(o, "recipe", where),
          (int) Json.integer(o, "reroll", where),
          Json.objectField(o, "fields", where));
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
