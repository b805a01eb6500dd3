package dev.acepipe.exec;

import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.TaskRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a finished job's takes say about the server beyond their audio: whether it used the seeds
 * acepipe sent (reproducibility), and which musical choices it made differently from the request
 * (its LM may rewrite caption and lyrics, a GPU tier may shorten a take, the server may pick its
 * own bpm and key).
 */
final class ServerFacts {
  /** Durations closer than this are the same for "what the server used". */
  private static final double SAME_SECONDS = 1.0;

  private ServerFacts() {}

  /**
   * The seeds a request carries, one per take it asks for where the server takes a list; otherwise
   * one, for take 0 (the server draws the others).
   */
  static List<Long> seedsSent(TaskRequest request) {
    return request.seeds().isEmpty() ? List.of(request.seed()) : request.seeds();
  }

  /**
   * Whether re-sending these requests would give the same audio: the profile says seeds are
   * honoured, and every take whose seed was sent reports that seed back. Takes whose seed the
   * server drew itself are not judged.
   *
   * @param takes the takes of one request, in order
   */
  static boolean seedsUsed(ServerProfile profile, TaskRequest request, List<TakeResult> takes) {
    if (profile != null && !profile.honoursSeeds()) {
      return false;
    }
    List<Long> sent = seedsSent(request);
    for (int i = 0; i < takes.size() && i < sent.size(); i++) {
      Long reported = StoredTakes.firstSeed(takes.get(i).seedReported(), i);
      if (reported != null && reported.longValue() != sent.get(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The values the server used where they differ from what {@code asked} set: {@code caption},
   * {@code lyrics}, {@code bpm}, {@code key}, {@code duration} (of take 0). Values the request left
   * to the server are not listed.
   */
  static Map<String, Object> serverUsed(
      TaskRequest asked, TakeResult first, Double expectedSeconds) {
    Map<String, Object> used = new LinkedHashMap<>();
    if (differs(asked.prompt(), first.prompt())) {
      used.put("caption", first.prompt());
    }
    if (differs(asked.lyrics(), first.lyrics())) {
      used.put("lyrics", first.lyrics());
    }
    Double bpm = first.metas().bpm();
    if (asked.bpm() != null && bpm != null && Math.round(bpm) != asked.bpm()) {
      used.put("bpm", bpm);
    }
    String key = first.metas().keyScale();
    if (asked.keyScale() != null
        && key != null
        && !key.isBlank()
        && !key.strip().equalsIgnoreCase(asked.keyScale().strip())) {
      used.put("key", key);
    }
    double seconds = first.audio().durationSeconds();
    if (expectedSeconds != null && Math.abs(seconds - expectedSeconds) > SAME_SECONDS) {
      used.put("duration", seconds);
    }
    return used;
  }

  /** One line for the console: {@code bpm 96 (asked 120), key D minor (asked C major)}. */
  static String describe(Map<String, Object> used, TaskRequest asked, Double expectedSeconds) {
    StringBuilder s = new StringBuilder();
    used.forEach(
        (k, v) -> {
          Object was =
              switch (k) {
                case "caption" -> asked.prompt();
                case "lyrics" -> asked.lyrics();
                case "bpm" -> asked.bpm();
                case "key" -> asked.keyScale();
                default -> expectedSeconds;
              };
          if (s.length() > 0) {
            s.append(", ");
          }
          s.append(k)
              .append(' ')
              .append(shorten(v))
              .append(" (asked ")
              .append(shorten(was))
              .append(')');
        });
    return s.toString();
  }

  private static boolean differs(String asked, String used) {
    return asked != null
        && !asked.isBlank()
        && used != null
        && !used.isBlank()
        && !asked.strip().equals(used.strip());
  }

  private static String shorten(Object v) {
    String t = v instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(v);
    t = t.replace('\n', ' ');
    return t.length() > 40
        ? "'" + t.substring(0, 37) + "...'"
        : v instanceof String ? "'" + t + "'" : t;
  }
}
