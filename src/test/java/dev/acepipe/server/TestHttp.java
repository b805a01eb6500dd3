package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small OkHttp-based client for server tests; no acepipe client code involved. */
final class TestHttp {
  static final MediaType JSON = MediaType.get("application/json");
  static final ObjectMapper MAPPER = new ObjectMapper();

  final OkHttpClient client =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(30))
          .build();
  final String base;

  TestHttp(String base) {
    this.base = base;
  }

  /** A response read fully: status, content type and body text. */
  record Reply(int status, String contentType, String body, byte[] bytes) {
    JsonNode json() throws IOException {
      return MAPPER.readTree(body);
    }
  }

  Reply get(String path, String... headers) throws IOException {
    Request.Builder b = new Request.Builder().url(base + path);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  Reply post(String path, String json, String... headers) throws IOException {
    Request.Builder b = new Request.Builder().url(base + path).post(RequestBody.create(json, JSON));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  Reply send(Request request) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      byte[] bytes = r.body().bytes();
      return new Reply(
          r.code(),
          r.header("Content-Type"),
          new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
          bytes);
    }
  }

  /** Submits {@code json} to /release_task and returns the task id. */
  String submit(String json, String... headers) throws IOException {
    Reply r = post("/release_task", json, headers);
    if (r.status() != 200) {
      throw new AssertionError("release_task answered " + r.status() + ": " + r.body());
    }
    return r.json().at("/data/task_id").asText();
  }

  /** The /query_result item of one id. */
  JsonNode item(String taskId, String... headers) throws IOException {
    Reply r = post("/query_result", "{\"task_id_list\": [\"" + taskId + "\"]}", headers);
    if (r.status() != 200) {
      throw new AssertionError("query_result answered " + r.status() + ": " + r.body());
    }
    return r.json().at("/data/0");
  }

  /** Polls until the job's status is not 0 (or 20 s pass) and returns the final item. */
  JsonNode awaitDone(String taskId, String... headers) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      JsonNode item = item(taskId, headers);
      if (item.get("status").asInt() != 0) {
        return item;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("task " + taskId + " did not finish in 20 s");
  }

  /** The parsed {@code result} string of an item. */
  static JsonNode result(JsonNode item) throws IOException {
    return MAPPER.readTree(item.get("result").asText());
  }
}
