package dev.acepipe.client;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.acepipe.audio.AudioFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code /release_task} job, serialized with exactly the snake_case names the server reads.
 *
 * <p>{@code seed}, {@code use_random_seed} (always false), {@code batch_size} and {@code
 * audio_format} are always sent: the server's own defaults (random seed, two takes, mp3) are never
 * what a pipeline means. {@code seed} is a JSON integer, or, when {@link #seeds()} holds more than
 * one value, the string {@code "s1,s2,..."} newer servers read as one seed per take. {@code
 * use_cot_caption}/{@code use_cot_language} are sent whenever set (servers default both to true, so
 * the LM rewrites caption and language even without {@code thinking}). Optional fields are omitted
 * when {@code null}. {@link #extra()} holds pass-through knobs ({@code lm_temperature}, {@code
 * shift}, ...); a typed field of the same name wins over an extra. The API key is never part of a
 * request body: an {@code ai_token} extra is dropped (a wrong body token beats a right header
 * upstream; the key goes only into the {@code Authorization} header).
 *
 * @param seed the seed of take 0 (the first of {@link #seeds()} when a list is given)
 * @param seeds per-take seeds, or empty for "take 0 gets {@code seed}, the server picks the rest";
 *     every value >= 0
 * @param trackName the stem an {@code extract} takes out or a {@code lego} adds (upstream's track
 *     names: {@code vocals}, {@code drums}, {@code bass}, {@code guitar}, ...); newer servers only
 * @param trackClasses the tracks a {@code complete} adds; sent as a JSON list
 * @param globalCaption the caption of the whole song for {@code lego} (stem models)
 * @param repaintMode {@code conservative}, {@code balanced} or {@code aggressive}: how a repaint
 *     blends
 * @param repaintStrength 0..1, how much a balanced repaint gives up the source's blending
 * @param coverNoiseStrength 0..1, how close to the source a cover starts (0 = pure noise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskRequest(
    String taskType,
    String prompt,
    String lyrics,
    Boolean thinking,
    Boolean sampleMode,
    String sampleQuery,
    Boolean useFormat,
    String model,
    Double audioDuration,
    Integer bpm,
    String keyScale,
    String timeSignature,
    String vocalLanguage,
    Integer inferenceSteps,
    Double guidanceScale,
    @JsonIgnore long seed,
    @JsonIgnore List<Long> seeds,
    int batchSize,
    String srcAudioPath,
    String referenceAudioPath,
    Double repaintingStart,
    Double repaintingEnd,
    String repaintMode,
    Double repaintStrength,
    Double audioCoverStrength,
    Double coverNoiseStrength,
    String audioFormat,
    Boolean useCotCaption,
    Boolean useCotLanguage,
    String trackName,
    List<String> trackClasses,
    String globalCaption,
    @JsonIgnore Map<String, Object> extra) {

  /**
   * The format acepipe asks for unless a step says otherwise: lossless, so later steps lose
   * nothing.
   */
  public static final String DEFAULT_AUDIO_FORMAT = AudioFormat.FLAC.extension();

  /** Body keys that carry credentials; never sent, whatever the extras say. */
  private static final java.util.Set<String> CREDENTIAL_KEYS =
      java.util.Set.of("ai_token", "aiToken");

  /**
   * Every key a typed field writes, with what reads its value: the properties Jackson itself finds
   * on this record (so {@link JsonNaming}, {@link JsonProperty} and {@link JsonIgnore} all count,
   * {@code seed} and {@code use_random_seed} included).
   */
  private static final Map<String, AnnotatedMember> TYPED = typedProperties();

  private static Map<String, AnnotatedMember> typedProperties() {
    SerializationConfig config = new ObjectMapper().getSerializationConfig();
    Map<String, AnnotatedMember> typed = new LinkedHashMap<>();
    for (BeanPropertyDefinition p :
        config.introspect(config.constructType(TaskRequest.class)).findProperties()) {
      if (p.couldSerialize()) {
        AnnotatedMember accessor = p.getAccessor();
        accessor.fixAccess(true);
        typed.put(p.getName(), accessor);
      }
    }
    return Map.copyOf(typed);
  }

  public TaskRequest {
    taskType = Objects.requireNonNullElse(taskType, "text2music");
    audioFormat = Objects.requireNonNullElse(audioFormat, DEFAULT_AUDIO_FORMAT);
    seeds = seeds == null ? List.of() : List.copyOf(seeds);
    for (long s : seeds) {
      if (s < 0) {
        throw new IllegalArgumentException(
            "every seed of a per-take list must be concrete (>= 0), was " + seeds);
      }
    }
    if (!seeds.isEmpty()) {
      seed = seeds.get(0);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be concrete (>= 0), was " + seed);
    }
    if (batchSize < 1 || batchSize > 8) {
      throw new IllegalArgumentException("batch_size must be 1..8, was " + batchSize);
    }
    trackClasses = trackClasses == null ? null : List.copyOf(trackClasses);
    if (repaintMode != null
        && !List.of("conservative", "balanced", "aggressive").contains(repaintMode)) {
      throw new IllegalArgumentException(
          "repaint_mode must be conservative, balanced or aggressive, was '" + repaintMode + "'");
    }
    requireUnit("repaint_strength", repaintStrength);
    requireUnit("cover_noise_strength", coverNoiseStrength);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * Servers check almost nothing, so a value outside 0..1 is refused here, before it reaches the
   * wire.
   */
  private static void requireUnit(String name, Double value) {
    if (value != null && !(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
  }

  /** What {@code seed} is on the wire: an integer, or {@code "s1,s2,..."} for a per-take list. */
  @JsonProperty("seed")
  Object seedForJson() {
    if (seeds.size() > 1) {
      return seeds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
    return seed;
  }

  /** Always {@code false}: every request carries a concrete seed. */
  @JsonProperty("use_random_seed")
  public boolean useRandomSeed() {
    return false;
  }

  /**
   * The extras that are written to JSON: without names a typed field already writes (a non-null
   * one, or {@code seed}/{@code use_random_seed}), since a duplicate key would make the server take
   * the later one, i.e. the extra.
   */
  @JsonAnyGetter
  Map<String, Object> extraForJson() {
    if (extra.isEmpty()) {
      return extra;
    }
    Map<String, Object> passThrough = new LinkedHashMap<>(extra);
    passThrough.keySet().removeAll(CREDENTIAL_KEYS);
    TYPED.forEach(
        (key, accessor) -> {
          if (passThrough.containsKey(key) && accessor.getValue(this) != null) {
            passThrough.remove(key);
          }
        });
    return passThrough;
  }

  public static TaskRequestBuilder builder() {
    return new TaskRequestBuilder();
  }

  /** A builder holding every value of this request. */
  public TaskRequestBuilder toBuilder() {
    return new TaskRequestBuilder(this);
  }
}
