package dev.acepipe.client;

/**
 * What {@code /create_random_sample} answered, normalised over both response shapes. In simple mode
 * only {@code description}, {@code instrumental} and {@code language} are set; in custom mode the
 * musical fields are.
 */
public record RandomSample(
    String description,
    Boolean instrumental,
    String caption,
    String lyrics,
    Integer bpm,
    Double duration,
    String keyScale,
    String timeSignature,
    String language) {}
