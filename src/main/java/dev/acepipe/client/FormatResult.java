package dev.acepipe.client;

/** What {@code /format_input} answered; fields the server omitted are {@code null}. */
public record FormatResult(
    String caption,
    String lyrics,
    Integer bpm,
    String keyScale,
    String timeSignature,
    Double duration,
    String language) {}
