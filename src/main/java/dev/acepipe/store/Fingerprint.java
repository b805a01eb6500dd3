package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step instance's cache key: {@code v1-} followed by the hex SHA-256 of the canonical JSON
 * ({@link CanonicalJson#canonical}) of
 *
 * <pre>
 * {"inputs":["&lt;sha256 of input take 0&gt;",...],"request":&lt;resolved request&gt;,"scheme":"acepipe-fingerprint/1"}
 * </pre>
 *
 * <p>The resolved request is what the step asks the server for, fully spelled out: {@code kind},
 * every parameter with defaults applied, the concrete {@code seed} and the {@code model}. It must
 * not contain server paths ({@code src_audio_path}: inputs are identified by content hash instead)
 * nor credentials (refused). The {@code v1} prefix and the {@code scheme} member are bumped
 * together when the definition changes, so old store entries and lock blocks are invalidated on
 * purpose and the change can be explained ("fingerprint scheme changed").
 */
public record Fingerprint(String scheme, String hex) implements Comparable<Fingerprint> {
  /** The scheme this version of acepipe computes. */
  public static final String CURRENT_SCHEME = "v1";

  private static final Pattern TEXT = Pattern.compile("(v[0-9]+)-([0-9a-f]{64})");

  public Fingerprint {
    if (scheme == null || !scheme.matches("v[0-9]+")) {
      throw new IllegalArgumentException(
          "fingerprint scheme must look like v1, got '" + scheme + "'");
    }
    Hashes.requireSha256Hex(hex, "fingerprint");
  }

  /**
   * Computes the fingerprint of a resolved request and its input take hashes (in request order).
   *
   * @throws IllegalArgumentException if an input is pending, the request has a credential-like
   *     field, or the tree has no canonical form
   */
  public static Fingerprint of(ObjectNode request, List<StepInput> inputs) {
    return new Fingerprint(
        CURRENT_SCHEME, Hashes.sha256Hex(CanonicalJson.canonicalBytes(preimage(request, inputs))));
  }

  /**
   * The exact JSON document whose canonical form is hashed; useful for debugging and documentation.
   */
  public static ObjectNode preimage(ObjectNode request, List<StepInput> inputs) {
    Secrets.requireNone(request, "request");
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    ArrayNode hashes = doc.putArray("inputs");
    for (StepInput in : inputs) {
      if (in.isPending()) {
        throw new IllegalArgumentException(
            "input " + in.ref() + " is pending; a fingerprint needs its hash");
      }
      hashes.add(in.sha256());
    }
    doc.set("request", request.deepCopy());
    doc.put("scheme", "acepipe-fingerprint/1");
    return doc;
  }

  /** Parses {@code v1-<64 hex>}. */
  public static Fingerprint parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a fingerprint (expected v1-<64 hex digits>): '" + text + "'"));
  }

  /** Parses {@code v1-<64 hex>}, or empty when {@code text} is not one (a stray file name). */
  public static java.util.Optional<Fingerprint> tryParse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    return m.matches()
        ? java.util.Optional.of(new Fingerprint(m.group(1), m.group(2)))
        : java.util.Optional.empty();
  }

  /** A node holding {@link #toString()}, for JSON documents. */
  public JsonNode toJson() {
    return JsonNodeFactory.instance.textNode(toString());
  }

  /** The first 12 hex digits, for console output. */
  public String shortText() {
    return scheme + "-" + hex.substring(0, 12);
  }

  @Override
  public int compareTo(Fingerprint o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return scheme + "-" + hex;
  }
}
