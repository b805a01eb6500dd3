package dev.acepipe.store;

import java.io.IOException;

/**
 * A store entry, lockfile or journal that exists but cannot be understood; the message names file
 * and field.
 */
public final class StoreFormatException extends IOException {
  public StoreFormatException(String message) {
    super(message);
  }

  public StoreFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
