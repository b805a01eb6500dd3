package dev.acepipe.client;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.acepipe.audio.AudioFormat;
import java.lang.reflect.RecordComponent;
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
public record TaskRequest(
    @JsonProperty("task_type") String taskType,
    @JsonProperty("prompt") String prompt,
    @JsonProperty("lyrics") String lyrics,
    @JsonProperty("thinking") Boolean thinking,
    @JsonProperty("sample_mode") Boolean sampleMode,
    @JsonProperty("sample_query") String sampleQuery,
    @JsonProperty("use_format") Boolean useFormat,
    @JsonProperty("model") String model,
    @JsonProperty("audio_duration") Double audioDuration,
    @JsonProperty("bpm") Integer bpm,
    @JsonProperty("key_scale") String keyScale,
    @JsonProperty("time_signature") String timeSignature,
    @JsonProperty("vocal_language") String vocalLanguage,
    @JsonProperty("inference_steps") Integer inferenceSteps,
    @JsonProperty("guidance_scale") Double guidanceScale,
    @JsonIgnore long seed,
    @JsonIgnore List<Long> seeds,
    @JsonProperty("batch_size") int batchSize,
    @JsonProperty("src_audio_path") String srcAudioPath,
    @JsonProperty("reference_audio_path") String referenceAudioPath,
    @JsonProperty("repainting_start") Double repaintingStart,
    @JsonProperty("repainting_end") Double repaintingEnd,
    @JsonProperty("audio_cover_strength") Double audioCoverStrength,
    @JsonProperty("audio_format") String audioFormat,
    @JsonProperty("use_cot_caption") Boolean useCotCaption,
    @JsonProperty("use_cot_language") Boolean useCotLanguage,
    @JsonProperty("track_name") String trackName,
    @JsonProperty("track_classes") List<String> trackClasses,
    @JsonProperty("global_caption") String globalCaption,
    @JsonProperty("repaint_mode") String repaintMode,
    @JsonProperty("repaint_strength") Double repaintStrength,
    @JsonProperty("cover_noise_strength") Double coverNoiseStrength,
    @JsonIgnore Map<String, Object> extra) {

  /**
   * The format acepipe asks for unless a step says otherwise: lossless, so later steps lose
   * nothing.
   */
  public static final String DEFAULT_AUDIO_FORMAT = AudioFormat.FLAC.extension();

  /** Body keys that carry credentials; never sent, whatever the extras say. */
  private static final java.util.Set<String> CREDENTIAL_KEYS =
      java.util.Set.of("ai_token", "aiToken");

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
   * The extras that are written to JSON: without names a typed field already writes (or {@code
   * use_random_seed}), since a duplicate key would make the server take the later one, i.e. the
   * extra.
   */
  @JsonAnyGetter
  Map<String, Object> extraForJson() {
    if (extra.isEmpty()) {
      return extra;
    }
    Map<String, Object> passThrough = new LinkedHashMap<>(extra);
    passThrough.remove("use_random_seed");
    passThrough.remove("seed");
    passThrough.keySet().removeAll(CREDENTIAL_KEYS);
    for (RecordComponent c : TaskRequest.class.getRecordComponents()) {
      JsonProperty name = c.getAccessor().getAnnotation(JsonProperty.class);
      if (name != null && passThrough.containsKey(name.value()) && valueOf(c) != null) {
        passThrough.remove(name.value());
      }
    }
    return passThrough;
  }

  private Object valueOf(RecordComponent c) {
    try {
      return c.getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.taskType = taskType;
    b.prompt = prompt;
    b.lyrics = lyrics;
    b.thinking = thinking;
    b.sampleMode = sampleMode;
    b.sampleQuery = sampleQuery;
    b.useFormat = useFormat;
    b.model = model;
    b.audioDuration = audioDuration;
    b.bpm = bpm;
    b.keyScale = keyScale;
    b.timeSignature = timeSignature;
    b.vocalLanguage = vocalLanguage;
    b.inferenceSteps = inferenceSteps;
    b.guidanceScale = guidanceScale;
    b.seed = seed;
    b.seeds = seeds;
    b.batchSize = batchSize;
    b.srcAudioPath = srcAudioPath;
    b.referenceAudioPath = referenceAudioPath;
    b.repaintingStart = repaintingStart;
    b.repaintingEnd = repaintingEnd;
    b.audioCoverStrength = audioCoverStrength;
    b.audioFormat = audioFormat;
    b.useCotCaption = useCotCaption;
    b.useCotLanguage = useCotLanguage;
    b.trackName = trackName;
    b.trackClasses = trackClasses;
    b.globalCaption = globalCaption;
    b.repaintMode = repaintMode;
    b.repaintStrength = repaintStrength;
    b.coverNoiseStrength = coverNoiseStrength;
    b.extra.putAll(extra);
    return b;
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String taskType = "text2music";
    private String prompt;
    private String lyrics;
    private Boolean thinking;
    private Boolean sampleMode;
    private String sampleQuery;
    private Boolean useFormat;
    private String model;
    private Double audioDuration;
    private Integer bpm;
    private String keyScale;
    private String timeSignature;
    private String vocalLanguage;
    private Integer inferenceSteps;
    private Double guidanceScale;
    private long seed;
    private List<Long> seeds = List.of();
    private int batchSize = 1;
    private String srcAudioPath;
    private String referenceAudioPath;
    private Double repaintingStart;
    private Double repaintingEnd;
    private Double audioCoverStrength;
    private String audioFormat = DEFAULT_AUDIO_FORMAT;
    private Boolean useCotCaption;
    private Boolean useCotLanguage;
    private String trackName;
    private List<String> trackClasses;
    private String globalCaption;
    private String repaintMode;
    private Double repaintStrength;
    private Double coverNoiseStrength;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    public Builder taskType(String v) {
      taskType = v;
      return this;
    }

    public Builder prompt(String v) {
      prompt = v;
      return this;
    }

    public Builder lyrics(String v) {
      lyrics = v;
      return this;
    }

    public Builder thinking(Boolean v) {
      thinking = v;
      return this;
    }

    public Builder sampleMode(Boolean v) {
      sampleMode = v;
      return this;
    }

    public Builder sampleQuery(String v) {
      sampleQuery = v;
      return this;
    }

    public Builder useFormat(Boolean v) {
      useFormat = v;
      return this;
    }

    public Builder model(String v) {
      model = v;
      return this;
    }

    public Builder audioDuration(Double v) {
      audioDuration = v;
      return this;
    }

    public Builder bpm(Integer v) {
      bpm = v;
      return this;
    }

    public Builder keyScale(String v) {
      keyScale = v;
      return this;
    }

    public Builder timeSignature(String v) {
      timeSignature = v;
      return this;
    }

    public Builder vocalLanguage(String v) {
      vocalLanguage = v;
      return this;
    }

    public Builder inferenceSteps(Integer v) {
      inferenceSteps = v;
      return this;
    }

    public Builder guidanceScale(Double v) {
      guidanceScale = v;
      return this;
    }

    /**
     * One seed: take 0 gets it (acepipe's embedded server seeds take <i>i</i> with {@code v + i}).
     */
    public Builder seed(long v) {
      seed = v;
      seeds = List.of();
      return this;
    }

    /**
     * Per-take seeds, sent as {@code "s1,s2,..."} when there are several; {@code seed} becomes the
     * first.
     */
    public Builder seeds(List<Long> v) {
      seeds = v == null ? List.of() : v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder srcAudioPath(String v) {
      srcAudioPath = v;
      return this;
    }

    public Builder referenceAudioPath(String v) {
      referenceAudioPath = v;
      return this;
    }

    public Builder repaintingStart(Double v) {
      repaintingStart = v;
      return this;
    }

    public Builder repaintingEnd(Double v) {
      repaintingEnd = v;
      return this;
    }

    public Builder audioCoverStrength(Double v) {
      audioCoverStrength = v;
      return this;
    }

    public Builder audioFormat(String v) {
      audioFormat = v;
      return this;
    }

    public Builder useCotCaption(Boolean v) {
      useCotCaption = v;
      return this;
    }

    public Builder useCotLanguage(Boolean v) {
      useCotLanguage = v;
      return this;
    }

    public Builder trackName(String v) {
      trackName = v;
      return this;
    }

    public Builder trackClasses(List<String> v) {
      trackClasses = v;
      return this;
    }

    public Builder globalCaption(String v) {
      globalCaption = v;
      return this;
    }

    public Builder repaintMode(String v) {
      repaintMode = v;
      return this;
    }

    public Builder repaintStrength(Double v) {
      repaintStrength = v;
      return this;
    }

    public Builder coverNoiseStrength(Double v) {
      coverNoiseStrength = v;
      return this;
    }

    public Builder extra(String key, Object value) {
      extra.put(key, value);
      return this;
    }

    public Builder extra(Map<String, ?> values) {
      extra.putAll(values);
      return this;
    }

    public TaskRequest build() {
      return new TaskRequest(
          taskType,
          prompt,
          lyrics,
          thinking,
          sampleMode,
          sampleQuery,
          useFormat,
          model,
          audioDuration,
          bpm,
          keyScale,
          timeSignature,
          vocalLanguage,
          inferenceSteps,
          guidanceScale,
          seed,
          seeds,
          batchSize,
          srcAudioPath,
          referenceAudioPath,
          repaintingStart,
          repaintingEnd,
          audioCoverStrength,
          audioFormat,
          useCotCaption,
          useCotLanguage,
          trackName,
          trackClasses,
          globalCaption,
          repaintMode,
          repaintStrength,
          coverNoiseStrength,
          extra);
    }
  }
}
