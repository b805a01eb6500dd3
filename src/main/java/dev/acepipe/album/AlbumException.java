package dev.acepipe.album;

import java.io.IOException;

/**
 * An album could not be written; the message names the track. Nothing in the output directory was
 * changed.
 */
public final class AlbumException extends IOException {
  public AlbumException(String message) {
    super(message);
  }

  public AlbumException(String message, Throwable cause) {
    super(message, cause);
  }
}
