package dev.acepipe.dsl;

/**
 * A {@code ${...}} that does not parse; {@link #offset()} is where in the scalar the problem is.
 */
public final class ExpressionException extends Exception {
  private final int offset;
  private final String hint;

  public ExpressionException(String message, int offset, String hint) {
    super(message);
    this.offset = offset;
    this.hint = hint == null ? "" : hint;
  }

  /** 0-based index into the scalar text. */
  public int offset() {
    return offset;
  }

  /** A suggestion, or the empty string. */
  public String hint() {
    return hint;
  }
}
