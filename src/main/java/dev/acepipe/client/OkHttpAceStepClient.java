package dev.acepipe.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link AceStepClient} over one {@link OkHttpClient}, built once from a {@link ClientConfig}.
 *
 * <p>Thread-safe. Never retries: every failure becomes an {@link AceStepException} (or, for a local
 * file that cannot be read or written, an {@link java.io.UncheckedIOException}) and the executor
 * decides. The API key goes only into the {@code Authorization} header of requests to the
 * configured server; it is removed from every message and log line.
 */
public final class OkHttpAceStepClient implements AceStepClient {
  /**
   * Exactly this, without a charset parameter: servers that compare the header verbatim still see
   * JSON.
   */
  private static final MediaType JSON = MediaType.get("application/json");

  private final ClientConfig config;
  private final HttpUrl base;
  private final OkHttpClient http;
  private final OkHttpClient formatHttp;
  private final OkHttpClient transferHttp;
  private final ObjectMapper json = JsonMappers.standard();
  private final Payloads payloads = new Payloads(json);
  private final Responses responses;
  private final TakeDownload downloads;
  private final MultipartSubmit uploads;

  /** A client logging to slf4j ({@link WireLog#slf4j()}). */
  public OkHttpAceStepClient(ClientConfig config) {
    this(config, WireLog.slf4j());
  }

  public OkHttpAceStepClient(ClientConfig config, WireLog wireLog) {
    this.config = Objects.requireNonNull(config);
    this.base = HttpUrl.get(config.baseUrl());
    Redactor redactor = new Redactor(config.apiKey());
    this.responses = new Responses(json, redactor);
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.readTimeout())
            .callTimeout(config.callTimeout())
            // Redirects could carry the Authorization header to another host; the contract has
            // none.
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .addInterceptor(new WireLogInterceptor(wireLog, redactor));
    config.apiKeyIfAny().ifPresent(key -> builder.addInterceptor(new AuthInterceptor(base, key)));
    this.http = builder.build();
    // Derived clients share the connection pool and dispatcher: still one client underneath.
    this.formatHttp =
        http.newBuilder()
            .readTimeout(config.formatTimeout())
            .callTimeout(config.formatTimeout())
            .build();
    // A 200 MB take cannot meet a whole-call deadline sized for JSON; a stall still trips
    // readTimeout.
    this.transferHttp = http.newBuilder().callTimeout(0, TimeUnit.MILLISECONDS).build();
    this.downloads = new TakeDownload(transferHttp, responses);
    this.uploads = new MultipartSubmit(transferHttp, url("/release_task"), json, responses);
  }

  @Override
  public String baseUrl() {
    return config.baseUrl();
  }

  @Override
  public Health health() {
    return responses.parse("/health", () -> payloads.health(getJson("/health")));
  }

  @Override
  public ServerProfile profile() {
    JsonNode health = getJson("/health");
    return responses.parse("/health", () -> ProfileDetector.detect(health, this::getJson));
  }

  @Override
  public List<ModelInfo> models() {
    return responses.parse("/v1/models", () -> payloads.models(getJson("/v1/models")));
  }

  @Override
  public ModelInventory modelInventory() {
    JsonNode data;
    try {
      data = getJson("/v1/model_inventory");
    } catch (AceStepException e) {
      if (e.httpStatus() == 404) {
        return ModelInventory.of(models());
      }
      throw e;
    }
    return responses.parse("/v1/model_inventory", () -> payloads.inventory(data));
  }

  @Override
  public ServerStats stats() {
    return responses.parse("/v1/stats", () -> payloads.stats(getJson("/v1/stats")));
  }

  @Override
  public Submission submit(TaskRequest request) {
    Objects.requireNonNull(request);
    return submission(postJson(http, "/release_task", json.valueToTree(request)));
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    Objects.requireNonNull(localAudio);
    return submitWithUpload(request, localAudio, null);
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path source, Path reference) {
    return submission(uploads.submit(request, source, reference));
  }

  /** The answer to {@code /release_task}, sent as JSON or as multipart. */
  private Submission submission(JsonNode data) {
    return responses.parse("/release_task", () -> payloads.submission(data));
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
    return responses.parse("/query_result", () -> payloads.statuses(ids, data));
  }

  @Override
  public Download download(String fileUrl, Path target) {
    Objects.requireNonNull(fileUrl);
    Objects.requireNonNull(target);
    return downloads.fetch(resolve(fileUrl), target);
  }

  @Override
  public Download download(String fileUrl, Path target, java.io.OutputStream tee) {
    Objects.requireNonNull(fileUrl);
    Objects.requireNonNull(target);
    Objects.requireNonNull(tee);
    return downloads.fetch(resolve(fileUrl), target, tee);
  }

  @Override
  public boolean probe(String serverPath) {
    Objects.requireNonNull(serverPath);
    HttpUrl url =
        base.newBuilder().addPathSegments("v1/audio").addQueryParameter("path", serverPath).build();
    // The real server's route is GET only (HEAD would be 405). A one-byte range keeps the answer
    // tiny where ranges
    // are supported; where they are not, closing the response after the headers drops the rest
    // unread.
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
      throw responses.httpError("/v1/audio", response);
    } catch (IOException e) {
      throw responses.transport("/v1/audio", e);
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
    return responses.parse("/format_input", () -> payloads.formatResult(data));
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    Objects.requireNonNull(sampleType);
    ObjectNode body = json.createObjectNode().put("sample_type", sampleType);
    JsonNode data = postJson(http, "/create_random_sample", body);
    return responses.parse("/create_random_sample", () -> payloads.randomSample(data));
  }

  @Override
  public LoraResult loraLoad(String loraPath, String adapterName) {
    Objects.requireNonNull(loraPath);
    ObjectNode body = json.createObjectNode().put("lora_path", loraPath);
    putIfSet(body, "adapter_name", adapterName);
    return lora("/v1/lora/load", body);
  }

  @Override
  public LoraResult loraUnload() {
    return lora("/v1/lora/unload", json.createObjectNode());
  }

  @Override
  public LoraResult loraToggle(boolean useLora) {
    return lora("/v1/lora/toggle", json.createObjectNode().put("use_lora", useLora));
  }

  @Override
  public LoraResult loraScale(double scale, String adapterName) {
    if (!(scale >= 0 && scale <= 1)) {
      throw new IllegalArgumentException("LoRA scale must be between 0 and 1, was " + scale);
    }
    ObjectNode body = json.createObjectNode().put("scale", scale);
    putIfSet(body, "adapter_name", adapterName);
    return lora("/v1/lora/scale", body);
  }

  /** Posts a LoRA action and reads the server's answer to it. */
  private LoraResult lora(String path, ObjectNode body) {
    JsonNode data = postJson(http, path, body);
    return responses.parse(path, () -> payloads.loraResult(data));
  }

  @Override
  public LoraStatus loraStatus() {
    return responses.parse(
        "/v1/lora/status", () -> payloads.loraStatus(getJson("/v1/lora/status")));
  }

  @Override
  public InitResult initModel(String model, Integer slot) {
    ObjectNode body = json.createObjectNode();
    putIfSet(body, "model", model);
    if (slot != null) {
      body.put("slot", slot.intValue());
    }
    // Loading a model can take minutes (a download first, where it is missing): the long timeout of
    // /format_input.
    JsonNode data = postJson(formatHttp, "/v1/init", body);
    return responses.parse("/v1/init", () -> payloads.initResult(data));
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

  // ---- plumbing
  // ------------------------------------------------------------------------------------------------

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
    // OkHttp takes the
    // header from the body's media type (Jackson writes UTF-8, JSON's only encoding).
    Request req =
        new Request.Builder().url(url(endpoint)).post(RequestBody.create(bytes, JSON)).build();
    return exchange(client, endpoint, req);
  }

  private JsonNode exchange(OkHttpClient client, String endpoint, Request req) {
    try (Response response = client.newCall(req).execute()) {
      return responses.unwrap(endpoint, response);
    } catch (IOException e) {
      throw responses.transport(endpoint, e);
    }
  }

  private HttpUrl url(String endpoint) {
    return base.newBuilder().addPathSegments(endpoint.substring(1)).build();
  }

  /**
   * A result's {@code file} is usually relative ({@code /v1/audio?path=...}); absolute URLs are
   * used as given.
   */
  private HttpUrl resolve(String fileUrl) {
    HttpUrl absolute = HttpUrl.parse(fileUrl);
    if (absolute != null) {
      return absolute;
    }
    if (fileUrl.isBlank()) {
      throw new IllegalArgumentException("take has no file URL to download");
    }
    // Relative to the base URL, keeping any path prefix the server sits under.
    String basePath =
        base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
    HttpUrl resolved =
        base.newBuilder()
            .encodedPath(basePath)
            .build()
            .resolve(fileUrl.startsWith("/") ? fileUrl.substring(1) : fileUrl);
    if (resolved == null) {
      throw new IllegalArgumentException("not a usable file URL: " + fileUrl);
    }
    return resolved;
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
