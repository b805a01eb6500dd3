package dev.acepipe.audio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The audio container formats acepipe reads and writes. */
public enum AudioFormat {
  WAV("wav", "audio/wav"),
  FLAC("flac", "audio/flac"),
  MP3("mp3", "audio/mpeg");

  private final String extension;
  private final String mediaType;

  AudioFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** The media type an upload or a download of this format carries, e.g. {@code "audio/flac"}. */
  public String mediaType() {
    return mediaType;
  }

  /** The file extension without a dot, e.g. {@code "flac"}. */
  public String extension() {
    return extension;
  }

  /**
   * Looks a format up by name or extension ({@code "FLAC"}, {@code ".wav"}, {@code "mp3"});
   * case-insensitive.
   */
  public static Optional<AudioFormat> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.startsWith(".")) {
      n = n.substring(1);
    }
    if (n.equals("wave")) {
      n = "wav";
    }
    for (AudioFormat f : values()) {
      if (f.extension.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format named by {@code path}'s extension, if it is one of ours. */
  public static Optional<AudioFormat> byExtension(Path path) {
    String file = path.getFileName() == null ? "" : path.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : byName(file.substring(dot + 1));
  }
}
