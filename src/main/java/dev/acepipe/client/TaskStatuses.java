package dev.acepipe.client;

import static dev.acepipe.client.JsonFields.abbreviate;
import static dev.acepipe.client.JsonFields.clamp;
import static dev.acepipe.client.JsonFields.firstText;
import static dev.acepipe.client.JsonFields.meaningful;
import static dev.acepipe.client.JsonFields.nullToEmpty;
import static dev.acepipe.client.JsonFields.number;
import static dev.acepipe.client.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer of {@code /query_result}: one {@link TaskStatus} per asked id, with each
 * finished take's file, server path and metas. Throws {@link Payloads.MalformedPayloadException}
 * when the answer cannot be understood.
 */
final class TaskStatuses {
  private final ObjectMapper json;

  TaskStatuses(ObjectMapper json) {
    this.json = json;
  }

  /**
   * One status per id, in the order asked; items are matched by {@code task_id} when the server
   * gives it.
   */
  List<TaskStatus> read(List<String> taskIds, JsonNode data) {
    if (!data.isArray()) {
      throw new Payloads.MalformedPayloadException(
          "expected a list of task results, got " + abbreviate(data.toString()));
    }
    if (data.size() != taskIds.size()) {
      throw new Payloads.MalformedPayloadException(
          "asked about " + taskIds.size() + " task(s), got " + data.size() + " result(s)");
    }
    List<TaskStatus> statuses = new ArrayList<>(taskIds.size());
    for (int i = 0; i < taskIds.size(); i++) {
      String id = taskIds.get(i);
      JsonNode item = findItem(data, id, i);
      statuses.add(status(id, item));
    }
    return List.copyOf(statuses);
  }

  private static JsonNode findItem(JsonNode data, String id, int index) {
    for (JsonNode item : data) {
      if (id.equals(item.path("task_id").asText(null))) {
        return item;
      }
    }
    return data.get(index);
  }

  private TaskStatus status(String id, JsonNode item) {
    int outer = item.path("status").asInt(-1);
    JsonNode inner = result(item.get("result"));
    JsonNode first = inner.size() > 0 ? inner.get(0) : null;
    switch (outer) {
      case 0:
        if (first == null) {
          // "[]" is the only thing that tells an unknown id from a queued one.
          return new TaskStatus.Unknown(id);
        }
        return new TaskStatus.Pending(
            id, clamp(first.path("progress").asDouble(0)), nullToEmpty(text(first, "stage")));
      case 1:
        List<Take> takes = new ArrayList<>();
        for (JsonNode t : inner) {
          takes.add(take(t));
        }
        return new TaskStatus.Succeeded(id, takes);
      case 2:
        if (first != null && first.path("status").asInt(-1) == 0) {
          return new TaskStatus.PresumedTimedOut(id);
        }
        String reason = firstText(item, "error");
        if (reason == null && first != null) {
          reason = firstText(first, "error");
        }
        return new TaskStatus.Failed(id, reason);
      default:
        throw new Payloads.MalformedPayloadException(
            "task " + id + " has unknown status " + item.path("status"));
    }
  }

  /**
   * {@code result} is a JSON string holding a list; tolerate a list sent directly, and a missing
   * one.
   */
  private JsonNode result(JsonNode raw) {
    if (raw == null || raw.isNull()) {
      return json.createArrayNode();
    }
    JsonNode parsed = raw;
    if (raw.isTextual()) {
      String text = raw.asText().strip();
      if (text.isEmpty()) {
        return json.createArrayNode();
      }
      try {
        parsed = json.readTree(text);
      } catch (JsonProcessingException e) {
        throw new Payloads.MalformedPayloadException("result is not JSON: " + abbreviate(text));
      }
    }
    if (parsed.isObject()) {
      return json.createArrayNode().add(parsed);
    }
    if (!parsed.isArray()) {
      throw new Payloads.MalformedPayloadException(
          "result is not a list: " + abbreviate(parsed.toString()));
    }
    return parsed;
  }

  private static Take take(JsonNode t) {
    String file = nullToEmpty(text(t, "file"));
    JsonNode metas = t.path("metas");
    Metas m =
        metas.isObject()
            ? new Metas(
                number(metas.get("bpm")),
                number(metas.get("duration")),
                meaningful(firstText(metas, "keyscale", "key_scale")),
                meaningful(firstText(metas, "timesignature", "time_signature")),
                meaningful(text(metas, "genres")))
            : Metas.EMPTY;
    return new Take(
        file,
        serverPath(file),
        nullToEmpty(text(t, "prompt")),
        nullToEmpty(text(t, "lyrics")),
        m,
        nullToEmpty(text(t, "seed_value")),
        nullToEmpty(text(t, "dit_model")),
        nullToEmpty(text(t, "lm_model")));
  }

  /**
   * The URL-decoded {@code path} query parameter of a {@code file} URL, or "" when there is none.
   */
  static String serverPath(String fileUrl) {
    int q = fileUrl.indexOf('?');
    if (q < 0) {
      return "";
    }
    for (String pair : fileUrl.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equals("path") && eq >= 0) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new Payloads.MalformedPayloadException(
              "file URL has a badly encoded path: " + abbreviate(fileUrl));
        }
      }
    }
    return "";
  }
}
