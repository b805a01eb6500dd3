package dev.acepipe.client;

/** A {@code /format_input} request. Numeric hints are {@code null} when not given. */
public record FormatRequest(
    String prompt,
    String lyrics,
    Double temperature,
    Double duration,
    Integer bpm,
    String keyScale,
    String timeSignature,
    String language) {}
