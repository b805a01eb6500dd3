package dev.acepipe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * {@link AceStepClient} over one {@link OkHttpClient}, built once from a {@link ClientConfig}.
 *
 * <p>Thread-safe. Never retries: every failure becomes an {@link AceStepException} (or, for a local file that
 * cannot be read or written, an {@link java.io.UncheckedIOException}) and the executor decides. The API key goes
 * only into the {@code Authorization} header of requests to the configured server; it is removed from every
 * message and log line.
 */
public final class OkHttpAceStepClient implements AceStepClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int BUFFER = 64 * 1024;
  /** Error bodies are read only this far: enough for any detail, never a whole mistaken file. */
  private static final long MAX_ERROR_BODY = 16 * 1024;
  /** Success bodies of JSON endpoints are bounded too; a /query_result of 8 takes x 100 tasks is far below. */
  private static final long MAX_JSON_BODY = 32L * 1024 * 1024;

  private final ClientConfig config;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final OkHttpClient formatHttp;
  private final OkHttpClient transferHttp;
  private final ObjectMapper json = new ObjectMapper();
  private final Payloads payloads = new Payloads(json);
  private final Redactor redactor;

  /** A client logging to slf4j ({@link WireLog#slf4j()}). */
  public OkHttpAceStepClient(ClientConfig config) {
    this(config, WireLog.slf4j());
  }

  public OkHttpAceStepClient(ClientConfig config, WireLog wireLog) {
    this.config = Objects.requireNonNull(config);
    this.base = HttpUrl.get(config.baseUrl());
    this.redactor = new Redactor(config.apiKey());
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .callTimeout(config.callTimeout())
        // Redirects could carry the Authorization header to another host; the contract has none.
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .addInterceptor(new WireLogInterceptor(wireLog, redactor));
    config.apiKeyIfAny().ifPresent(key -> builder.addInterceptor(new AuthInterceptor(base, key)));
    this.http = builder.build();
    // Derived clients share the connection pool and dispatcher: still one client underneath.
    this.formatHttp = http.newBuilder()
        .readTimeout(config.formatTimeout())
        .callTimeout(config.formatTimeout())
        .build();
    // A 200 MB take cannot meet a whole-call deadline sized for JSON; a stall still trips readTimeout.
    this.transferHttp = http.newBuilder().callTimeout(0, TimeUnit.MILLISECONDS).build();
  }

  @Override
  public String baseUrl() {
    return config.baseUrl();
  }

  @Override
  public Health health() {
    return parse("/health", () -> payloads.health(getJson("/health")));
  }

  @Override
  public List<ModelInfo> models() {
    return parse("/v1/models", () -> payloads.models(getJson("/v1/models")));
  }

  @Override
  public ServerStats stats() {
    return parse("/v1/stats", () -> payloads.stats(getJson("/v1/stats")));
  }

  @Override
  public Submission submit(TaskRequest request) {
    Objects.requireNonNull(request);
    JsonNode data = postJson(http, "/release_task", json.valueToTree(request));
    return parse("/release_task", () -> payloads.submission(data));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    Objects.requireNonNull(request);
    if (!Files.isRegularFile(localAudio)) {
      throw new java.io.UncheckedIOException(
          new NoSuchFileException(localAudio.toString(), null, "audio to upload is not a readable file"));
    }
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    ObjectNode fields = json.valueToTree(request);
    // The uploaded file is the source; a server path alongside it would be ambiguous.
    fields.remove("src_audio_path");
    fields.fields().forEachRemaining(f -> form.addFormDataPart(f.getKey(), formValue(f.getValue())));
    // RequestBody.create(File, ...) copies from the file as the socket takes it: the audio is never in memory.
    RequestBody audio = RequestBody.create(localAudio.toFile(), audioType(localAudio));
    form.addFormDataPart("src_audio", localAudio.getFileName().toString(), audio);
    Request req = new Request.Builder().url(url("/release_task")).post(form.build()).build();
    String endpoint = "/release_task";
    try (Response response = transferHttp.newCall(req).execute()) {
      if (response.code() == 500) {
        String detail = payloads.errorDetail(errorBody(response));
        throw new AceStepException(
            endpoint,
            500,
            "this server does not accept audio uploads (older ACE-Step); put the audio on the server and pass"
                + " its path as src_audio_path, or use a newer ACE-Step server (server said: "
                + redactor.redact(detail) + ")",
            false,
            AceStepException.Kind.UPLOAD_REFUSED,
            null);
      }
      JsonNode data = unwrap(endpoint, response);
      return parse(endpoint, () -> payloads.submission(data));
    } catch (IOException e) {
      throw transport(endpoint, e);
    }
  }

  @Override
  public List<TaskStatus> query(List<String> taskIds) {
    List<String> ids = List.copyOf(taskIds);
    if (ids.isEmpty()) {
      return List.of();
    }
    ObjectNode body = json.createObjectNode();
    ids.forEach(body.putArray("task_id_list")::add);
    JsonNode data = postJson(http, "/query_result", body);
    return parse("/query_result", () -> payloads.statuses(ids, data));
  }

  @Override
  public Download download(String fileUrl, Path target) {
    Objects.requireNonNull(fileUrl);
    HttpUrl url = resolve(fileUrl);
    String endpoint = url.encodedPath();
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try (Response response = transferHttp.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (!response.isSuccessful()) {
        throw httpError(endpoint, response);
      }
      ResponseBody body = Objects.requireNonNull(response.body());
      long expected = body.contentLength();
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
      MessageDigest sha = sha256();
      long written = 0;
      byte[] buf = new byte[BUFFER];
      try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(temp)) {
        int n;
        while (true) {
          try {
            n = in.read(buf);
          } catch (IOException e) {
            throw new AceStepException(
                endpoint, AceStepException.NO_RESPONSE,
                "connection lost after " + written + " of " + (expected < 0 ? "?" : expected) + " bytes: "
                    + redactor.redact(String.valueOf(e.getMessage())), false, e);
          }
          if (n < 0) {
            break;
          }
          sha.update(buf, 0, n);
          out.write(buf, 0, n);
          written += n;
        }
      }
      if (expected >= 0 && written != expected) {
        throw new AceStepException(endpoint, AceStepException.NO_RESPONSE,
            "download incomplete: got " + written + " of " + expected + " bytes", false, null);
      }
      moveIntoPlace(temp, target);
      temp = null;
      return new Download(target, written, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      if (e instanceof InterruptedIOException || temp == null) {
        throw transport(endpoint, e);
      }
      // An I/O error after the temp file exists is either the network (reported above) or our own disk.
      throw new java.io.UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Best effort: a stray .part file is hidden and harmless.
        }
      }
    }
  }

  @Override
  public boolean probe(String serverPath) {
    Objects.requireNonNull(serverPath);
    HttpUrl url = base.newBuilder().addPathSegments("v1/audio").addQueryParameter("path", serverPath).build();
    // The real server's route is GET only (HEAD would be 405). A one-byte range keeps the answer tiny where ranges
    // are supported; where they are not, closing the response after the headers drops the rest unread.
    Request req = new Request.Builder().url(url).header("Range", "bytes=0-0").get().build();
    try (Response response = http.newCall(req).execute()) {
      int code = response.code();
      if (code == 200 || code == 206) {
        return true;
      }
      if (code == 404 || code == 403) {
        // 404: gone; 403: outside the server's output dir, so it cannot be used as a source either.
        return false;
      }
      throw httpError("/v1/audio", response);
    } catch (IOException e) {
      throw transport("/v1/audio", e);
    }
  }

  @Override
  public FormatResult formatInput(FormatRequest request) {
    Objects.requireNonNull(request);
    ObjectNode body = json.createObjectNode();
    putIfSet(body, "prompt", request.prompt());
    putIfSet(body, "lyrics", request.lyrics());
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    putIfSet(params, "duration", request.duration());
    putIfSet(params, "bpm", request.bpm());
    putIfSet(params, "key", request.keyScale());
    putIfSet(params, "time_signature", request.timeSignature());
    putIfSet(params, "language", request.language());
    if (!params.isEmpty()) {
      try {
        // The server expects param_obj as a JSON string, not a nested object.
        body.put("param_obj", json.writeValueAsString(params));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    JsonNode data = postJson(formatHttp, "/format_input", body);
    return parse("/format_input", () -> payloads.formatResult(data));
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    Objects.requireNonNull(sampleType);
    ObjectNode body = json.createObjectNode().put("sample_type", sampleType);
    JsonNode data = postJson(http, "/create_random_sample", body);
    return parse("/create_random_sample", () -> payloads.randomSample(data));
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "OkHttpAceStepClient[" + config + "]";
  }

  // ---- plumbing ------------------------------------------------------------------------------------------------

  private JsonNode getJson(String endpoint) {
    Request req = new Request.Builder().url(url(endpoint)).get().build();
    return exchange(http, endpoint, req);
  }

  private JsonNode postJson(OkHttpClient client, String endpoint, JsonNode body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize request for " + endpoint, e);
    }
    // Without Content-Type: application/json, /query_result silently answers [] for every id.
    Request req = new Request.Builder()
        .url(url(endpoint))
        .header("Content-Type", "application/json")
        .post(RequestBody.create(bytes, JSON))
        .build();
    return exchange(client, endpoint, req);
  }

  private JsonNode exchange(OkHttpClient client, String endpoint, Request req) {
    try (Response response = client.newCall(req).execute()) {
      return unwrap(endpoint, response);
    } catch (IOException e) {
      throw transport(endpoint, e);
    }
  }

  /**
   * Checks the HTTP status, then the wrapper: HTTP 200 with {@code code != 200} is an error. Returns {@code data}
   * of a wrapped answer, or the whole body when it carries no wrapper (the real {@code /v1/models}).
   */
  private JsonNode unwrap(String endpoint, Response response) throws IOException {
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
      throw garbage(endpoint, response.code(), "not JSON: " + Payloads.abbreviate(text));
    }
    if (root == null || root.isMissingNode()) {
      throw garbage(endpoint, response.code(), "empty response");
    }
    if (root.isObject() && root.has("code")) {
      int code = root.path("code").asInt(-1);
      if (code != 200) {
        String error = root.path("error").isNull() ? "" : root.path("error").asText("");
        String detail = (error.isBlank() ? "request refused" : error) + " (code " + root.path("code") + ")";
        throw new AceStepException(endpoint, response.code(), redactor.redact(detail), true, null);
      }
      return root.path("data");
    }
    return root;
  }

  private AceStepException httpError(String endpoint, Response response) throws IOException {
    String detail = payloads.errorDetail(errorBody(response));
    return new AceStepException(endpoint, response.code(), redactor.redact(detail), false, null);
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

  private AceStepException garbage(String endpoint, int status, String what) {
    return new AceStepException(
        endpoint, status, "not an ACE-Step response: " + redactor.redact(what), false, null);
  }

  private AceStepException transport(String endpoint, IOException e) {
    String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // OkHttp reports a read timeout as SocketTimeoutException and a call timeout as InterruptedIOException
    // "timeout"; a plain InterruptedIOException is a thread interrupt and is reported as such.
    if (e instanceof java.net.SocketTimeoutException || "timeout".equals(e.getMessage())) {
      what = "timed out (" + what + ")";
    }
    return new AceStepException(endpoint, AceStepException.NO_RESPONSE, redactor.redact(what), false, e);
  }

  private <T> T parse(String endpoint, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (Payloads.MalformedPayloadException e) {
      throw garbage(endpoint, 200, e.getMessage());
    }
  }

  private HttpUrl url(String endpoint) {
    return base.newBuilder().addPathSegments(endpoint.substring(1)).build();
  }

  /** A result's {@code file} is usually relative ({@code /v1/audio?path=...}); absolute URLs are used as given. */
  private HttpUrl resolve(String fileUrl) {
    HttpUrl absolute = HttpUrl.parse(fileUrl);
    if (absolute != null) {
      return absolute;
    }
    if (fileUrl.isBlank()) {
      throw new IllegalArgumentException("take has no file URL to download");
    }
    // Relative to the base URL, keeping any path prefix the server sits under.
    String basePath = base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
    HttpUrl resolved = base.newBuilder().encodedPath(basePath).build().resolve(
        fileUrl.startsWith("/") ? fileUrl.substring(1) : fileUrl);
    if (resolved == null) {
      throw new IllegalArgumentException("not a usable file URL: " + fileUrl);
    }
    return resolved;
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static MediaType audioType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".wav")) {
      return MediaType.get("audio/wav");
    }
    if (name.endsWith(".flac")) {
      return MediaType.get("audio/flac");
    }
    if (name.endsWith(".mp3")) {
      return MediaType.get("audio/mpeg");
    }
    return MediaType.get("application/octet-stream");
  }

  private static String formValue(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putIfSet(Map<String, Object> map, String field, Object value) {
    if (value != null) {
      map.put(field, value);
    }
  }
}
