package dev.acepipe.store;

/**
 * One input take of a step instance, in the order the request uses them: a human reference for
 * explanations ({@code "draft#0"}) and the SHA-256 of its audio, or {@code null} while the upstream
 * step has not rendered yet (a <em>pending</em> input, known only at plan time). Only the hash
 * enters the fingerprint; the reference is for messages such as "input take draft#0 changed".
 */
public record StepInput(String ref, String sha256) {
  public StepInput {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("input ref must not be blank");
    }
    if (sha256 != null) {
      Hashes.requireSha256Hex(sha256, "sha256 of input " + ref);
    }
  }

  /** An input whose upstream take will be (re-)rendered, so its hash is not known yet. */
  public static StepInput pending(String ref) {
    return new StepInput(ref, null);
  }

  /** True while the hash is unknown. */
  public boolean isPending() {
    return sha256 == null;
  }
}
