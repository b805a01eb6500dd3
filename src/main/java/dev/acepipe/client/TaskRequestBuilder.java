package dev.acepipe.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles a {@link TaskRequest}, field by field; {@link #build()} validates. Not thread-safe. */
public final class TaskRequestBuilder {
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
  private String audioFormat = TaskRequest.DEFAULT_AUDIO_FORMAT;
  private Boolean useCotCaption;
  private Boolean useCotLanguage;
  private String trackName;
  private List<String> trackClasses;
  private String globalCaption;
  private String repaintMode;
  private Double repaintStrength;
  private Double coverNoiseStrength;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  TaskRequestBuilder() {}

  /** A builder holding every value of {@code from}. */
  TaskRequestBuilder(TaskRequest from) {
    taskType = from.taskType();
    prompt = from.prompt();
    lyrics = from.lyrics();
    thinking = from.thinking();
    sampleMode = from.sampleMode();
    sampleQuery = from.sampleQuery();
    useFormat = from.useFormat();
    model = from.model();
    audioDuration = from.audioDuration();
    bpm = from.bpm();
    keyScale = from.keyScale();
    timeSignature = from.timeSignature();
    vocalLanguage = from.vocalLanguage();
    inferenceSteps = from.inferenceSteps();
    guidanceScale = from.guidanceScale();
    seed = from.seed();
    seeds = from.seeds();
    batchSize = from.batchSize();
    srcAudioPath = from.srcAudioPath();
    referenceAudioPath = from.referenceAudioPath();
    repaintingStart = from.repaintingStart();
    repaintingEnd = from.repaintingEnd();
    audioCoverStrength = from.audioCoverStrength();
    audioFormat = from.audioFormat();
    useCotCaption = from.useCotCaption();
    useCotLanguage = from.useCotLanguage();
    trackName = from.trackName();
    trackClasses = from.trackClasses();
    globalCaption = from.globalCaption();
    repaintMode = from.repaintMode();
    repaintStrength = from.repaintStrength();
    coverNoiseStrength = from.coverNoiseStrength();
    this.extra.putAll(from.extra());
  }

  public TaskRequestBuilder taskType(String v) {
    taskType = v;
    return this;
  }

  public TaskRequestBuilder prompt(String v) {
    prompt = v;
    return this;
  }

  public TaskRequestBuilder lyrics(String v) {
    lyrics = v;
    return this;
  }

  public TaskRequestBuilder thinking(Boolean v) {
    thinking = v;
    return this;
  }

  public TaskRequestBuilder sampleMode(Boolean v) {
    sampleMode = v;
    return this;
  }

  public TaskRequestBuilder sampleQuery(String v) {
    sampleQuery = v;
    return this;
  }

  public TaskRequestBuilder useFormat(Boolean v) {
    useFormat = v;
    return this;
  }

  public TaskRequestBuilder model(String v) {
    model = v;
    return this;
  }

  public TaskRequestBuilder audioDuration(Double v) {
    audioDuration = v;
    return this;
  }

  public TaskRequestBuilder bpm(Integer v) {
    bpm = v;
    return this;
  }

  public TaskRequestBuilder keyScale(String v) {
    keyScale = v;
    return this;
  }

  public TaskRequestBuilder timeSignature(String v) {
    timeSignature = v;
    return this;
  }

  public TaskRequestBuilder vocalLanguage(String v) {
    vocalLanguage = v;
    return this;
  }

  public TaskRequestBuilder inferenceSteps(Integer v) {
    inferenceSteps = v;
    return this;
  }

  public TaskRequestBuilder guidanceScale(Double v) {
    guidanceScale = v;
    return this;
  }

  /**
   * One seed: take 0 gets it (acepipe's embedded server seeds take <i>i</i> with {@code v + i}).
   */
  public TaskRequestBuilder seed(long v) {
    seed = v;
    seeds = List.of();
    return this;
  }

  /**
   * Per-take seeds, sent as {@code "s1,s2,..."} when there are several; {@code seed} becomes the
   * first.
   */
  public TaskRequestBuilder seeds(List<Long> v) {
    seeds = v == null ? List.of() : v;
    return this;
  }

  public TaskRequestBuilder batchSize(int v) {
    batchSize = v;
    return this;
  }

  public TaskRequestBuilder srcAudioPath(String v) {
    srcAudioPath = v;
    return this;
  }

  public TaskRequestBuilder referenceAudioPath(String v) {
    referenceAudioPath = v;
    return this;
  }

  public TaskRequestBuilder repaintingStart(Double v) {
    repaintingStart = v;
    return this;
  }

  public TaskRequestBuilder repaintingEnd(Double v) {
    repaintingEnd = v;
    return this;
  }

  public TaskRequestBuilder audioCoverStrength(Double v) {
    audioCoverStrength = v;
    return this;
  }

  public TaskRequestBuilder audioFormat(String v) {
    audioFormat = v;
    return this;
  }

  public TaskRequestBuilder useCotCaption(Boolean v) {
    useCotCaption = v;
    return this;
  }

  public TaskRequestBuilder useCotLanguage(Boolean v) {
    useCotLanguage = v;
    return this;
  }

  public TaskRequestBuilder trackName(String v) {
    trackName = v;
    return this;
  }

  public TaskRequestBuilder trackClasses(List<String> v) {
    trackClasses = v;
    return this;
  }

  public TaskRequestBuilder globalCaption(String v) {
    globalCaption = v;
    return this;
  }

  public TaskRequestBuilder repaintMode(String v) {
    repaintMode = v;
    return this;
  }

  public TaskRequestBuilder repaintStrength(Double v) {
    repaintStrength = v;
    return this;
  }

  public TaskRequestBuilder coverNoiseStrength(Double v) {
    coverNoiseStrength = v;
    return this;
  }

  public TaskRequestBuilder extra(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  public TaskRequestBuilder extra(Map<String, ?> values) {
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
        repaintMode,
        repaintStrength,
        audioCoverStrength,
        coverNoiseStrength,
        audioFormat,
        useCotCaption,
        useCotLanguage,
        trackName,
        trackClasses,
        globalCaption,
        extra);
  }
}
