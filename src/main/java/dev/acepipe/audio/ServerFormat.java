package dev.acepipe.audio;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code audio_format} values a server renders takes in (upstream {@code AudioSaver}), each
 * with the file it produces and whether acepipe can decode it or only probe its duration. Kept
 * apart from {@link AudioFormat}, the formats acepipe itself reads and writes: an Opus or AAC take
 * can be measured and stored, not converted.
 */
public enum ServerFormat {
  MP3("mp3", "mp3", AudioFormat.MP3),
  WAV("wav", "wav", AudioFormat.WAV),
  FLAC("flac", "flac", AudioFormat.FLAC),
  /** Ogg Opus. */
  OPUS("opus", "opus", null),
  /** AAC in ADTS frames, or in an MP4 (M4A) container. */
  AAC("aac", "aac", null),
  /** 32-bit float WAV, saved with a {@code .wav} name. */
  WAV32("wav32", "wav", AudioFormat.WAV);

  private final String wireName;
  private final String extension;
  private final AudioFormat codec;

  ServerFormat(String wireName, String extension, AudioFormat codec) {
    this.wireName = wireName;
    this.extension = extension;
    this.codec = codec;
  }

  /** The request's {@code audio_format} value. */
  public String wireName() {
    return wireName;
  }

  /** The extension of the file the server writes, without a dot. */
  public String extension() {
    return extension;
  }

  /** The format acepipe decodes the take as; empty when it can only probe its duration. */
  public Optional<AudioFormat> codec() {
    return Optional.ofNullable(codec);
  }

  /** Looks a format up by its {@code audio_format} name, case-insensitive. */
  public static Optional<ServerFormat> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.wireName.equals(n)).findFirst();
  }

  /**
   * As {@link #byName}, refusing a name acepipe cannot probe: every take's duration is checked, so
   * a take in such a format could not be.
   *
   * @throws IllegalArgumentException naming the format and the ones that work
   */
  public static ServerFormat require(String name) {
    return byName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "audio format '"
                        + name
                        + "' cannot be probed for its duration, so its takes could not be checked;"
                        + " use one of "
                        + Arrays.stream(values())
                            .map(ServerFormat::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
