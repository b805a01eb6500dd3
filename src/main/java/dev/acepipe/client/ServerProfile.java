package dev.acepipe.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one ACE-Step server can do, learned without trying: from {@code /health}, {@code
 * /v1/model_inventory} and {@code /openapi.json} (see {@code docs/servers.md}). Every hand-off,
 * seed, retry and error decision of a run reads the profile of the server the job goes to; it is
 * shown by {@code engine health} and recorded in the manifest and lock entries.
 *
 * @param generation which server generation answered
 * @param backend who renders: {@link Backend#EMBEDDED} for acepipe's own procedural synthesizer,
 *     {@link Backend#EXTERNAL} for any other server. Renders of one backend never satisfy a run
 *     against the other.
 * @param version the version {@code /health} reported ({@code "1.0"} on every upstream server)
 * @param acceptsUploads multipart {@code src_audio} uploads work (snapshot servers answer 500)
 * @param acceptsAbsolutePaths any absolute server path is accepted as {@code src_audio_path} (newer
 *     servers answer 400 outside their temp dir)
 * @param honoursSeeds {@code seed} with {@code use_random_seed=false} is honoured (snapshot servers
 *     ignore it)
 * @param seedLists a comma-separated {@code seed} string seeds take <i>i</i> with value <i>i</i>
 * @param lm the server's language model is loaded ({@code thinking}, {@code /format_input}, sample
 *     mode need it); empty when the server does not say
 * @param loraApi the {@code /v1/lora/*} endpoints exist
 * @param taskTypes task types per model name, where the server lists them ({@code
 *     supported_task_types}); empty when it does not
 * @param formats the {@code audio_format} values the server writes as asked (others silently become
 *     flac)
 * @param loadedModel the DiT model {@code /health} says is loaded, where it says
 * @param anyModel a job runs on any model the server has, as its {@code model} names it, loaded or
 *     not (acepipe's own embedded profile); upstream runs only loaded models and silently falls
 *     back to the primary one for the others
 */
public record ServerProfile(
    Generation generation,
    Backend backend,
    String version,
    boolean acceptsUploads,
    boolean acceptsAbsolutePaths,
    boolean honoursSeeds,
    boolean seedLists,
    Optional<Boolean> lm,
    boolean loraApi,
    Map<String, List<String>> taskTypes,
    Set<String> formats,
    Optional<String> loadedModel,
    boolean anyModel) {

  /**
   * Server generations, told apart by the fields they answer with (contract: "Telling versions
   * apart").
   */
  public enum Generation {
    /**
     * The February 2026 snapshot: no uploads, any absolute path, seeds ignored, no model inventory.
     */
    SNAPSHOT,
    /**
     * Upstream after the snapshot: uploads, paths confined to the temp dir, seeds honoured (and,
     * later, lists).
     */
    NEWER
  }

  /** Who renders the audio. */
  public enum Backend {
    /** acepipe's embedded server: a procedural synthesizer, not AI. */
    EMBEDDED,
    /** A real ACE-Step server (or anything else that is not acepipe's embedded one). */
    EXTERNAL
  }

  public ServerProfile {
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lm, "lm");
    taskTypes = Map.copyOf(taskTypes);
    formats = Set.copyOf(formats);
    Objects.requireNonNull(loadedModel, "loadedModel");
  }

  /**
   * Whether {@code taskType} can run on {@code model}; true when the server does not list task
   * types.
   */
  public boolean supports(String model, String taskType) {
    List<String> types = taskTypes.get(model);
    return types == null || types.contains(taskType);
  }
}
