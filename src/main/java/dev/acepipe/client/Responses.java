package dev.acepipe.client;

import static dev.acepipe.client.JsonFields.abbreviate;
import static dev.acepipe.client.JsonFields.firstText;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns HTTP answers and transport failures into payloads or {@link AceStepException}s: status
 * check, wrapper unwrapping, the four error shapes, garbage detection. Every text that reaches an
 * exception is redacted.
 */
final class Responses {
  /** Error bodies are read only this far: enough for any detail, never a whole mistaken file. */
  private static final long MAX_ERROR_BODY = 16 * 1024;

  /** JSON bodies are bounded too; a /query_result for 100 tasks of 8 takes is far below. */
  private static final long MAX_JSON_BODY = 32L * 1024 * 1024;

  private final ObjectMapper json;
  private final Redactor redactor;

  Responses(ObjectMapper json, Redactor redactor) {
    this.json = json;
    this.redactor = redactor;
  }

  /**
   * Checks the HTTP status, then the wrapper: HTTP 200 with {@code code != 200} is an error.
   * Returns {@code data} of a wrapped answer, or the whole body when it carries no wrapper (the
   * real {@code /v1/models}).
   */
  JsonNode unwrap(String endpoint, Response response) throws IOException {
    if (!response.isSuccessful()) {
      throw httpError(endpoint, response);
    }
    BufferedSource source = Objects.requireNonNull(response.body()).source();
    if (source.request(MAX_JSON_BODY + 1)) {
      throw garbage(endpoint, response.code(), "response larger than " + MAX_JSON_BODY + " bytes");
    }
    String text = source.getBuffer().readUtf8();
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw garbage(endpoint, response.code(), "not JSON: " + abbreviate(text));
    }
    if (root == null || root.isMissingNode()) {
      throw garbage(endpoint, response.code(), "empty response");
    }
    // Redacted before anything reads it: what a server says ends up in lockfiles, the store and
    // audio tags.
    root = redactor.redact(root);
    if (root.isObject() && root.has("code")) {
      int code = root.path("code").asInt(-1);
      if (code != 200) {
        String error = root.path("error").isNull() ? "" : root.path("error").asText("");
        String detail =
            (error.isBlank() ? "request refused" : error) + " (code " + root.path("code") + ")";
        String redacted = redactor.redact(detail);
        throw new AceStepException(
            endpoint,
            response.code(),
            redacted,
            true,
            AceStepException.kindOf(response.code(), redacted),
            null);
      }
      return root.path("data");
    }
    return root;
  }

  /** Runs a payload parser, turning a payload it cannot understand into a garbage error. */
  <T> T parse(String endpoint, Supplier<T> parser) {
    try {
      return parser.get();
    } catch (Payloads.MalformedPayloadException e) {
      throw garbage(endpoint, 200, e.getMessage());
    }
  }

  /** A non-2xx answer, with the server's detail parsed from whichever error shape it used. */
  AceStepException httpError(String endpoint, Response response) throws IOException {
    String detail = detailOf(response);
    return new AceStepException(
        endpoint,
        response.code(),
        detail,
        false,
        AceStepException.kindOf(response.code(), detail),
        null);
  }

  /** The server's detail text of an error answer, redacted. */
  String detailOf(Response response) throws IOException {
    return redactor.redact(errorDetail(errorBody(response)));
  }

  AceStepException garbage(String endpoint, int status, String what) {
    return new AceStepException(
        endpoint, status, "not an ACE-Step response: " + redactor.redact(what), false, null);
  }

  /**
   * No (complete) answer: refused, reset, timed out. Always {@link AceStepException#NO_RESPONSE}.
   */
  AceStepException transport(String endpoint, IOException e) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // OkHttp reports a read timeout as SocketTimeoutException and a call timeout as
    // InterruptedIOException
    // "timeout"; a plain InterruptedIOException is a thread interrupt and is reported as such.
    if (e instanceof SocketTimeoutException || "timeout".equals(e.getMessage())) {
      what = "timed out (" + what + ")";
    }
    return new AceStepException(
        endpoint, AceStepException.NO_RESPONSE, redactor.redact(what), false, e);
  }

  /** The server's own words from an error body, for all four error shapes. */
  private String errorDetail(String body) {
    String trimmed = body == null ? "" : body.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        JsonNode node = json.readTree(trimmed);
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isTextual()) {
          return detail.asText();
        }
        if (detail != null && detail.isArray()) {
          return validationErrors(detail);
        }
        String error = firstText(node, "error", "message");
        if (error != null) {
          return error;
        }
        return abbreviate(trimmed);
      } catch (JsonProcessingException e) {
        return abbreviate(trimmed);
      }
    }
    return abbreviate(trimmed);
  }

  /**
   * 422 shape: {@code [{"loc": ["query", "path"], "msg": "field required"}]} → {@code query.path:
   * field required}.
   */
  private static String validationErrors(JsonNode detail) {
    List<String> parts = new ArrayList<>();
    for (JsonNode d : detail) {
      List<String> loc = new ArrayList<>();
      for (JsonNode l : d.path("loc")) {
        loc.add(l.asText());
      }
      String msg = d.path("msg").asText("invalid");
      parts.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
    }
    return String.join("; ", parts);
  }

  private static String errorBody(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null) {
      return "";
    }
    BufferedSource source = body.source();
    source.request(MAX_ERROR_BODY);
    Buffer buffer = source.getBuffer();
    return buffer.readUtf8(Math.min(buffer.size(), MAX_ERROR_BODY));
  }
}
