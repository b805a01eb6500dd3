package dev.acepipe.server;

import java.util.Locale;

/**
 * Which server generation the embedded server answers like. Every profile renders with the
 * procedural synthesizer and marks {@code /health} with {@code "synthesizer": "procedural"}, so a
 * client can always tell it from a real ACE-Step server; otherwise the snapshot and newer profiles
 * reproduce their generation's behaviour, traps included (see {@code docs/server.md}), so the
 * engine can be tested against both without a GPU.
 */
public enum EmbeddedProfile {
  /**
   * acepipe's own behaviour (the default): uploads and any path inside the output directory
   * accepted, seeds honoured ({@code seed + i} per take, or a per-take list), a rule-based LM,
   * failed jobs carry an {@code error}.
   */
  EMBEDDED,
  /**
   * The February 2026 snapshot: every multipart or url-encoded {@code /release_task} answers
   * plain-text 500, any absolute source path is read (a bad one still succeeds with unrelated
   * audio), seeds are ignored and misreported, failed jobs carry no error text, no LM, no {@code
   * /v1/model_inventory}, the unwrapped OpenAI-style model list.
   */
  SNAPSHOT,
  /**
   * Upstream main of mid-2026: uploads accepted, absolute paths outside the server's temp dir
   * answer 400, per-take seed lists honoured, a missing source fails the job, {@code
   * /v1/model_inventory} and {@code /openapi.json}, the richer {@code /health}, LM loaded.
   */
  NEWER;

  /**
   * The name used on the command line and in {@code /health}: {@code embedded}, {@code snapshot},
   * {@code newer}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a command-line name.
   *
   * @throws IllegalArgumentException naming the known profiles
   */
  public static EmbeddedProfile parse(String name) {
    for (EmbeddedProfile p : values()) {
      if (p.label().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown server profile '" + name + "' (known: embedded, snapshot, newer)");
  }

  /**
   * Whether the LM is loaded unless the configuration says otherwise (the snapshot's small-GPU
   * default is off).
   */
  boolean lmByDefault() {
    return this != SNAPSHOT;
  }

  /** Whether a failed job says why ({@code error}); only acepipe's own profile does. */
  boolean reportsErrors() {
    return this == EMBEDDED;
  }

  /**
   * Whether the profile follows upstream's auth rule (body {@code ai_token} first, distinct 401
   * details).
   */
  boolean upstreamAuth() {
    return this != EMBEDDED;
  }

  /**
   * Whether running jobs report upstream's stage texts ("Preparing inputs...") instead of
   * "running".
   */
  boolean upstreamStages() {
    return this != EMBEDDED;
  }
}
