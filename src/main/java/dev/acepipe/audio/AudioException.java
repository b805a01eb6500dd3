package dev.acepipe.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not audio acepipe can read, or that a codec failed on; the message names the file.
 */
public final class AudioException extends IOException {
  public AudioException(Path file, String message) {
    super(file + ": " + message);
  }

  public AudioException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
  }
}
