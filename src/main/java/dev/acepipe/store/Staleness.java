package dev.acepipe.store;

/**
 * What {@code engine plan} shows for a step instance and why, in one line.
 *
 * @param status the mark
 * @param reason one line: {@code "cached"}, {@code "new step"}, {@code "prompt changed"}, {@code
 *     "duration changed (120 → 60)"}, {@code "input take draft#0 changed"}, ...
 * @param matchesLock true if the lockfile block already pins this exact fingerprint; {@code run
 *     --locked} fails for every step where this is false
 */
public record Staleness(Status status, String reason, boolean matchesLock) {
  /** The three marks of {@code engine plan}. */
  public enum Status {
    /** Stored outputs exist for the current fingerprint: nothing is submitted. */
    CACHED("cached"),
    /** Never rendered (no lock block) or its outputs are gone: it will be submitted. */
    WILL_RENDER("will render"),
    /**
     * Rendered before from a different recipe: it will be submitted, and {@link #reason} says what
     * changed.
     */
    STALE("stale");

    private final String mark;

    Status(String mark) {
      this.mark = mark;
    }

    /** The word {@code engine plan} prints. */
    public String mark() {
      return mark;
    }
  }

  public Staleness {
    if (status == null || reason == null || reason.isBlank() || reason.contains("\n")) {
      throw new IllegalArgumentException("a staleness needs a status and a one-line reason");
    }
  }

  /**
   * {@code "stale: prompt changed"}, {@code "cached"}, {@code "cached (lockfile differs: ...)"}.
   */
  public String line() {
    return reason.startsWith(status.mark()) ? reason : status.mark() + ": " + reason;
  }
}
