package dev.acepipe.exec;

/**
 * {@code run --locked} found a step that does not match the lockfile (recipe, pinned answer or
 * rendered bytes). Thrown from inside the step's handling, so that step fails with this message and
 * the run goes on as for any failed step.
 */
public final class LockMismatchException extends RuntimeException {
  public LockMismatchException(String message) {
    super(message);
  }
}
