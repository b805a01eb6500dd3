package dev.acepipe.audio.tag;

import java.io.IOException;

/**
 * A file whose container cannot be tagged or read: not WAV/FLAC/MP3, truncated, or an unsupported
 * variant.
 */
public final class TagException extends IOException {
  public TagException(String message) {
    super(message);
  }
}
