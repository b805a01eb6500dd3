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
  MP3(AudioFormat.MP3),
  WAV(AudioFormat.WAV),
  FLAC(AudioFormat.FLAC),
  /** Ogg Opus. */
  OPUS(null),
  /** AAC in ADTS frames, or in an MP4 (M4A) container. */
  AAC(null),
  /** 32-bit float WAV, saved with a {@code .wav} name. */
  WAV32(AudioFormat.WAV);

  private final AudioFormat codec;

  ServerFormat(AudioFormat codec) {
    this.codec = codec;
  }

  /** The request's {@code audio_format} value: the constant's name in lower case. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The extension of the file the server writes, without a dot: its codec's where acepipe decodes
   * it (a wav32 take is a {@code .wav} file), else the format's own name.
   */
  public String extension() {
    return codec == null ? wireName() : codec.extension();
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
    return Arrays.stream(values()).filter(f -> f.wireName().equals(n)).findFirst();
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
