package dev.acepipe.client;

/**
 * The musical facts a server reports for a take. Each is {@code null} when the server left it out
 * or said {@code "N/A"}.
 */
public record Metas(
    Double bpm, Double duration, String keyScale, String timeSignature, String genres) {
  public static final Metas EMPTY = new Metas(null, null, null, null, null);
}
