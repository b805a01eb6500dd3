package dev.acepipe.client;

import static dev.acepipe.client.JsonFields.abbreviate;
import static dev.acepipe.client.JsonFields.firstNode;
import static dev.acepipe.client.JsonFields.firstText;
import static dev.acepipe.client.JsonFields.integer;
import static dev.acepipe.client.JsonFields.meaningful;
import static dev.acepipe.client.JsonFields.nullToEmpty;
import static dev.acepipe.client.JsonFields.number;
import static dev.acepipe.client.JsonFields.requireObject;
import static dev.acepipe.client.JsonFields.stripPrefix;
import static dev.acepipe.client.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns unwrapped {@code data} payloads into the contract's records, tolerating both the documented
 * and the real server's shapes. Every method throws {@link MalformedPayloadException} when a
 * payload cannot be understood.
 */
final class Payloads {
  private final TaskStatuses tasks;

  Payloads(ObjectMapper json) {
    this.tasks = new TaskStatuses(json);
  }

  /** A payload that is valid JSON but not what the endpoint promises. */
  static final class MalformedPayloadException extends RuntimeException {
    MalformedPayloadException(String message) {
      super(message);
    }
  }

  Health health(JsonNode data) {
    requireObject(data, "health");
    return new Health(text(data, "status"), text(data, "service"), text(data, "version"));
  }

  /**
   * Documented: {@code data: {models: [{name, is_default}], default_model}}. Real snapshot: an
   * unwrapped OpenAI-style {@code {object: "list", data: [{id: "acestep/<name>"}]}}, which arrives
   * here whole.
   */
  List<ModelInfo> models(JsonNode payload) {
    List<ModelInfo> models = new ArrayList<>();
    if (payload.path("models").isArray()) {
      String defaultModel = text(payload, "default_model");
      for (JsonNode m : payload.get("models")) {
        String name = stripPrefix(m.isTextual() ? m.asText() : firstText(m, "name", "id"));
        if (name == null) {
          throw new MalformedPayloadException("a model entry has no name: " + m);
        }
        boolean isDefault =
            m.path("is_default").asBoolean(false) || name.equals(stripPrefix(defaultModel));
        models.add(new ModelInfo(name, isDefault));
      }
      return List.copyOf(models);
    }
    JsonNode list = payload.isArray() ? payload : payload.path("data");
    if (!list.isArray()) {
      throw new MalformedPayloadException(
          "expected a model list, got " + abbreviate(payload.toString()));
    }
    for (JsonNode m : list) {
      String name = stripPrefix(firstText(m, "id", "name"));
      if (name == null) {
        throw new MalformedPayloadException("a model entry has no id: " + m);
      }
      models.add(new ModelInfo(name, m.path("is_default").asBoolean(false)));
    }
    return List.copyOf(models);
  }

  /** The {@code data} of a successful LoRA call: {@code {message, lora_path?, adapter_name?}}. */
  LoraResult loraResult(JsonNode data) {
    requireObject(data, "lora");
    return new LoraResult(
        nullToEmpty(text(data, "message")),
        java.util.Optional.ofNullable(text(data, "adapter_name")),
        java.util.Optional.ofNullable(text(data, "lora_path")));
  }

  LoraStatus loraStatus(JsonNode data) {
    requireObject(data, "lora status");
    if (!data.path("lora_loaded").isBoolean()) {
      throw new MalformedPayloadException(
          "lora status: no lora_loaded flag in " + abbreviate(data.toString()));
    }
    java.util.Map<String, Double> scales = new java.util.LinkedHashMap<>();
    data.path("scales")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNumber()) {
                scales.put(e.getKey(), e.getValue().asDouble());
              }
            });
    List<String> adapters = new ArrayList<>();
    data.path("adapters")
        .forEach(
            a -> {
              String name = a.isTextual() ? a.asText() : text(a, "name");
              if (name != null) {
                adapters.add(name);
              }
            });
    Double scale = number(data.get("lora_scale"));
    return new LoraStatus(
        data.get("lora_loaded").asBoolean(),
        data.path("use_lora").asBoolean(false),
        scale == null ? 1.0 : scale,
        java.util.Optional.ofNullable(meaningful(text(data, "adapter_type"))),
        scales,
        java.util.Optional.ofNullable(meaningful(text(data, "active_adapter"))),
        adapters,
        data.path("synthetic_default_mode").asBoolean(false));
  }

  InitResult initResult(JsonNode data) {
    requireObject(data, "init");
    String loaded = text(data, "loaded_model");
    if (loaded == null) {
      throw new MalformedPayloadException(
          "init: no loaded_model in " + abbreviate(data.toString()));
    }
    List<String> models = new ArrayList<>();
    data.path("models")
        .forEach(
            m -> {
              String name = m.isTextual() ? m.asText() : text(m, "name");
              if (name != null) {
                models.add(name);
              }
            });
    return new InitResult(
        nullToEmpty(text(data, "message")),
        data.path("slot").asInt(1),
        loaded,
        java.util.Optional.ofNullable(meaningful(text(data, "loaded_lm_model"))),
        models,
        data.path("llm_initialized").asBoolean(false));
  }

  /**
   * {@code data: {models: [{name, is_default, is_loaded, supported_task_types}], lm_models: [{name,
   * is_loaded}], llm_initialized}}.
   */
  ModelInventory inventory(JsonNode data) {
    requireObject(data, "model_inventory");
    if (!data.path("models").isArray()) {
      throw new MalformedPayloadException("no model list in " + abbreviate(data.toString()));
    }
    String defaultModel = stripPrefix(text(data, "default_model"));
    List<ModelInventory.Model> models = new ArrayList<>();
    for (JsonNode m : data.get("models")) {
      String name = stripPrefix(firstText(m, "name", "id"));
      if (name == null) {
        throw new MalformedPayloadException("a model entry has no name: " + m);
      }
      List<String> types = new ArrayList<>();
      m.path("supported_task_types").forEach(t -> types.add(t.asText()));
      models.add(
          new ModelInventory.Model(
              name,
              m.path("is_default").asBoolean(false) || name.equals(defaultModel),
              m.path("is_loaded").isBoolean()
                  ? java.util.Optional.of(m.get("is_loaded").asBoolean())
                  : java.util.Optional.empty(),
              types));
    }
    List<ModelInventory.LmModel> lms = new ArrayList<>();
    for (JsonNode m : data.path("lm_models")) {
      String name = firstText(m, "name", "id");
      if (name != null) {
        lms.add(new ModelInventory.LmModel(name, m.path("is_loaded").asBoolean(false)));
      }
    }
    java.util.Optional<Boolean> lm =
        data.path("llm_initialized").isBoolean()
            ? java.util.Optional.of(data.get("llm_initialized").asBoolean())
            : java.util.Optional.empty();
    return new ModelInventory(models, lms, lm, true);
  }

  ServerStats stats(JsonNode data) {
    requireObject(data, "stats");
    JsonNode jobs = data.path("jobs");
    return new ServerStats(
        jobs.path("total").asLong(0),
        jobs.path("queued").asLong(0),
        jobs.path("running").asLong(0),
        jobs.path("succeeded").asLong(0),
        jobs.path("failed").asLong(0),
        data.path("queue_size").asLong(0),
        data.path("queue_maxsize").asLong(0),
        data.path("avg_job_seconds").asDouble(0));
  }

  Submission submission(JsonNode data) {
    requireObject(data, "release_task");
    String taskId = text(data, "task_id");
    if (taskId == null || taskId.isBlank()) {
      throw new MalformedPayloadException("no task_id in " + abbreviate(data.toString()));
    }
    return new Submission(
        taskId, nullToEmpty(text(data, "status")), data.path("queue_position").asInt(0));
  }

  /**
   * One status per id, in the order asked; items are matched by {@code task_id} when the server
   * gives it.
   */
  List<TaskStatus> statuses(List<String> taskIds, JsonNode data) {
    return tasks.read(taskIds, data);
  }

  FormatResult formatResult(JsonNode data) {
    requireObject(data, "format_input");
    return new FormatResult(
        firstText(data, "caption", "prompt"),
        text(data, "lyrics"),
        integer(data.get("bpm")),
        meaningful(firstText(data, "key_scale", "keyscale", "key")),
        meaningful(firstText(data, "time_signature", "timesignature")),
        number(firstNode(data, "duration", "audio_duration")),
        meaningful(firstText(data, "vocal_language", "language")));
  }

  /**
   * Real server: {@code simple_mode} → description/instrumental/vocal_language, else
   * caption/keyscale/...; the documented shape uses the request's snake_case names. Both are read
   * through aliases.
   */
  RandomSample randomSample(JsonNode data) {
    requireObject(data, "create_random_sample");
    JsonNode instrumental = firstNode(data, "instrumental", "is_instrumental");
    return new RandomSample(
        firstText(data, "description", "sample_query", "desc"),
        instrumental == null || instrumental.isNull() ? null : instrumental.asBoolean(),
        firstText(data, "caption", "prompt"),
        text(data, "lyrics"),
        integer(data.get("bpm")),
        number(firstNode(data, "duration", "audio_duration")),
        meaningful(firstText(data, "keyscale", "key_scale", "key")),
        meaningful(firstText(data, "timesignature", "time_signature")),
        meaningful(firstText(data, "language", "vocal_language")));
  }
}
