package dev.acepipe.exec;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.TaskRequest;

/**
 * What to tell the user when a server gives no reason: a job that failed with no error text
 * (snapshot servers never give one, newer ones rarely do), and refusals whose cause the server's
 * words hide.
 */
final class JobHints {
  private JobHints() {}

  /** Whether {@code request} needs the server's language model. */
  static boolean needsLm(TaskRequest request) {
    return Boolean.TRUE.equals(request.thinking())
        || Boolean.TRUE.equals(request.sampleMode())
        || Boolean.TRUE.equals(request.useFormat());
  }

  /** The profile says the server has no LM loaded. */
  static boolean lmMissing(ServerProfile profile) {
    return profile != null && profile.lm().isPresent() && !profile.lm().get();
  }

  /** The message for a job that needs the LM on a server that has none; nothing is submitted. */
  static String noLm(String server, TaskRequest request) {
    return "server "
        + server
        + " has no language model loaded, and this step needs it ("
        + lmFields(request)
        + "); set `thinking: false` (and drop use_format / sample steps) or use a server with its LM";
  }

  /**
   * The message for a step the server refused with {@code e}: its own words, except for an {@link
   * AceStepException.Kind#LM_UNAVAILABLE} refusal of a format or sample call, which says what to
   * change.
   */
  static String refusal(String server, AceStepException e) {
    if (e.kind() != AceStepException.Kind.LM_UNAVAILABLE) {
      return e.getMessage();
    }
    return "server "
        + server
        + " has no language model ("
        + e.getMessage()
        + "); this is permanent for that "
        + "server, so it was not retried: set `thinking: false`, drop format/sample steps, or use a server with its LM";
  }

  /**
   * The likely causes of a job the server reported failed without saying why, most specific first.
   *
   * @param hasSource the job edits a source (continue, repaint, cover)
   */
  static String failedWithoutReason(ServerProfile profile, TaskRequest request, boolean hasSource) {
    StringBuilder why = new StringBuilder("the server gave no reason; likely causes: ");
    if (needsLm(request) && (profile == null || profile.lm().isEmpty() || !profile.lm().get())) {
      why.append("it has no language model for ")
          .append(lmFields(request))
          .append(" (try `thinking: false`); ");
    }
    if (hasSource) {
      why.append("it could not read the source audio (missing, unreadable or silent); ");
    }
    why.append(
        "the request does not fit its GPU tier (fewer takes or a shorter duration may pass)");
    return why.toString();
  }

  /**
   * A job that failed for want of the LM fails the same way every time: not worth a retry. That is
   * so when the profile says there is no LM, or when it does not say and the failure points there
   * (no reason given, or the run already met "LLM not initialized"): snapshot servers report
   * neither their LM nor why a job failed.
   */
  static boolean permanent(ServerProfile profile, TaskRequest request, boolean pointsToLm) {
    if (!needsLm(request)) {
      return false;
    }
    return lmMissing(profile) || (pointsToLm && (profile == null || profile.lm().isEmpty()));
  }

  private static String lmFields(TaskRequest r) {
    StringBuilder s = new StringBuilder();
    if (Boolean.TRUE.equals(r.thinking())) {
      s.append("thinking: true");
    }
    if (Boolean.TRUE.equals(r.useFormat())) {
      s.append(s.length() == 0 ? "" : ", ").append("use_format: true");
    }
    if (Boolean.TRUE.equals(r.sampleMode())) {
      s.append(s.length() == 0 ? "" : ", ").append("a sample step");
    }
    return s.toString();
  }
}
