package dev.acepipe.client;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine's only way to an ACE-Step 1.5 server (or the embedded one): every endpoint of the REST
 * contract.
 *
 * <p>Implementations are thread-safe. Every method throws {@link AceStepException} for transport
 * failures and every error shape the server produces; {@link AceStepException#isTransient()} says
 * whether retrying can help. No method retries by itself: resilience is the executor's job.
 */
public interface AceStepClient extends AutoCloseable {

  /** The server's base URL, e.g. {@code http://127.0.0.1:8001}. Never contains credentials. */
  String baseUrl();

  /** {@code GET /health}. */
  Health health();

  /**
   * What the server can do, learned without submitting anything: {@code GET /health}, and on newer
   * servers {@code GET /v1/model_inventory}. See {@link ServerProfile}.
   */
  ServerProfile profile();

  /** {@code GET /v1/models}; accepts both the documented and the OpenAI-style list shape. */
  List<ModelInfo> models();

  /**
   * {@code GET /v1/model_inventory} (header auth): models with loaded flags and task types, and the
   * LM models. A server without the route (404, snapshot servers) gets the inventory {@code GET
   * /v1/models} gives.
   */
  default ModelInventory modelInventory() {
    return ModelInventory.of(models());
  }

  /** {@code GET /v1/stats}. */
  ServerStats stats();

  /** {@code POST /release_task} as JSON. */
  Submission submit(TaskRequest request);

  /**
   * {@code POST /release_task} as multipart, streaming {@code localAudio} from disk as the {@code
   * src_audio} file. Older servers answer every multipart request with 500; that becomes an {@link
   * AceStepException} whose message says the server does not accept audio uploads.
   */
  Submission submitWithUpload(TaskRequest request, Path localAudio);

  /**
   * {@code POST /release_task} as multipart with a source ({@code src_audio}) and/or a style
   * reference ({@code reference_audio}) file; either may be {@code null}, not both. A file replaces
   * the path field of its role ({@code src_audio_path}, {@code reference_audio_path}), which is
   * then not sent. Refused uploads are reported as by {@link #submitWithUpload(TaskRequest, Path)}.
   */
  Submission submitWithUpload(TaskRequest request, Path source, Path reference);

  /**
   * {@code POST /query_result} for all {@code taskIds} in one request; one status per id, in order.
   */
  List<TaskStatus> query(List<String> taskIds);

  /**
   * Streams the take at {@code fileUrl} (a result's {@code file}, e.g. {@code /v1/audio?path=...})
   * to {@code target}: written to a temp file beside it, hashed while streaming, moved into place
   * only when complete and as long as {@code Content-Length} said. Nothing is left behind on
   * failure.
   */
  Download download(String fileUrl, Path target);

  /**
   * As {@link #download(String, Path)}, also writing the bytes, in order, to {@code tee} (which it
   * does not close), so a consumer can work on the take while it streams in. This default writes
   * them after the download from the finished file; the HTTP client writes each chunk as it
   * arrives.
   */
  default Download download(String fileUrl, Path target, java.io.OutputStream tee) {
    Download d = download(fileUrl, target);
    try {
      java.nio.file.Files.copy(d.path(), tee);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read back " + d.path(), e);
    }
    return d;
  }

  /** Whether the server still serves {@code serverPath} (an absolute path on the server). */
  boolean probe(String serverPath);

  /** {@code POST /format_input} (synchronous on the server, so it gets a long timeout). */
  FormatResult formatInput(FormatRequest request);

  /** {@code POST /create_random_sample} with {@code sample_type} "simple_mode" or "custom_mode". */
  RandomSample randomSample(String sampleType);

  /**
   * {@code POST /v1/lora/load}: loads one more adapter from {@code loraPath}, a path <em>on the
   * server</em> (a PEFT directory with {@code adapter_config.json}, or a LoKr {@code .safetensors}
   * file). Loading again adds an adapter; it never replaces one. A refused load (missing path, name
   * in use, quantized model) is HTTP 400 with the server's "❌ ..." detail.
   *
   * @param adapterName the name to load it under, or {@code null} for the server's choice (from the
   *     path)
   */
  LoraResult loraLoad(String loraPath, String adapterName);

  /**
   * {@code POST /v1/lora/unload}: removes every adapter (succeeds with a warning message when none
   * is loaded).
   */
  LoraResult loraUnload();

  /**
   * {@code POST /v1/lora/toggle}: applies the loaded adapters or not. With none loaded the server
   * answers HTTP 200 with wrapper code 400, thrown as an {@link AceStepException} with {@link
   * AceStepException#wrapperError()}.
   */
  LoraResult loraToggle(boolean useLora);

  /**
   * {@code POST /v1/lora/scale}: sets an adapter's scale, 0..1 (checked here; servers answer 422
   * outside it). Failures (none loaded, unknown name) come back as wrapper errors.
   *
   * @param adapterName the adapter, or {@code null} for the active one
   * @throws IllegalArgumentException for a scale outside 0..1
   */
  LoraResult loraScale(double scale, String adapterName);

  /** {@code GET /v1/lora/status}. */
  LoraStatus loraStatus();

  /**
   * {@code POST /v1/init}: loads {@code model} into {@code slot} and answers when it is loaded.
   * Every later job on that slot runs on it. An unavailable slot (wrapper code 400) or a failed
   * load (wrapper code 500) is an {@link AceStepException} with {@link
   * AceStepException#wrapperError()}.
   *
   * @param model the model to load, or {@code null} to (re)initialise the slot's configured one
   * @param slot 1..3, or {@code null} for the server's default (1)
   */
  InitResult initModel(String model, Integer slot);

  /** Releases connections and threads. */
  @Override
  void close();
}
