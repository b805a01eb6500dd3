package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.Download;
import dev.acepipe.client.FormatRequest;
import dev.acepipe.client.FormatResult;
import dev.acepipe.client.Health;
import dev.acepipe.client.Metas;
import dev.acepipe.client.ModelInfo;
import dev.acepipe.client.RandomSample;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import dev.acepipe.client.Submission;
import dev.acepipe.client.Take;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * An in-memory ACE-Step server for executor tests. Each submitted task follows a script of poll
 * answers (default: one "running", then success); the takes' "audio" is a text file {@link
 * FakeAudioProbe} reads. Faults are scripted per endpoint. Records every request.
 */
final class FakeAceStepClient implements AceStepClient {
  /** What one poll of a task answers. */
  enum Answer {
    RUNNING,
    SUCCEED,
    FAIL,
    UNKNOWN,
    PRESUMED_TIMED_OUT,
    /**
     * Status 0 with a frozen stage and progress while the server runs nothing: a job lost in a
     * restart.
     */
    STALE
  }

  final List<TaskRequest> submitted = new ArrayList<>();
  final List<Path> uploads = new ArrayList<>();
  final List<List<String>> queries = new ArrayList<>();
  final List<String> probes = new ArrayList<>();
  final List<String> downloads = new ArrayList<>();
  int healthCalls;
  int statsCalls;
  int maxInFlight;

  /** Scripts for the next submissions, in order; the default script applies when empty. */
  final Deque<List<Answer>> scripts = new ArrayDeque<>();

  List<Answer> defaultScript = List.of(Answer.RUNNING, Answer.SUCCEED);

  /**
   * Exceptions the next calls to an endpoint throw, in order ("submit", "query", "download",
   * "health", ...).
   */
  final Map<String, Deque<AceStepException>> faults = new HashMap<>();

  /** While true every call fails as if the server were down. */
  boolean down;

  boolean refusesUploads;

  /**
   * Answers 400 "absolute audio file paths are not allowed" to any src/reference path, as newer
   * servers do.
   */
  boolean refusesPaths;

  /** The most takes one job returns, as a server on a small GPU cuts batch_size. */
  int maxBatch = 8;

  /** Reports seeds other than the ones sent, as a server that ignores them does. */
  boolean ignoresSeeds;

  /**
   * The caption the server reports having used, as its LM would rewrite it; null = the prompt sent.
   */
  String rewrittenCaption;

  String baseUrl = "http://fake:8001";
  double avgJobSeconds;
  final Set<String> lostPaths = new HashSet<>();

  /**
   * Thrown by the next download, as a full local disk would: the client's own file could not be
   * written.
   */
  volatile UncheckedIOException downloadFailure;

  /** The length of the audio a request produces; by default what the request implies. */
  ToDoubleFunction<TaskRequest> durationOf = this::impliedDuration;

  private final Map<TaskRequest, Double> uploadedSeconds = new java.util.IdentityHashMap<>();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, Double> audioByPath = new HashMap<>();
  private int next = 1;

  private static final class Task {
    final TaskRequest request;
    final Deque<Answer> script;
    boolean done;

    Task(TaskRequest request, List<Answer> script) {
      this.request = request;
      this.script = new ArrayDeque<>(script);
    }
  }

  /**
   * Makes the next {@code n} calls to {@code endpoint} fail with HTTP {@code status} (0 = no
   * response).
   */
  FakeAceStepClient failNext(String endpoint, int n, int status) {
    Deque<AceStepException> q = faults.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
    for (int i = 0; i < n; i++) {
      q.add(new AceStepException("/" + endpoint, status, "scripted fault", false, null));
    }
    return this;
  }

  /** Makes the next call to {@code endpoint} throw {@code e}. */
  FakeAceStepClient failNextWith(String endpoint, AceStepException e) {
    faults.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).add(e);
    return this;
  }

  /**
   * Puts audio of {@code seconds} at {@code path} on the server, as a file an operator copied
   * there.
   */
  void serve(String path, double seconds) {
    audioByPath.put(path, seconds);
  }

  FakeAceStepClient script(Answer... answers) {
    scripts.add(List.of(answers));
    return this;
  }

  /** Forgets every unfinished task, like a restarted server. */
  void restart() {
    tasks.values().removeIf(t -> !t.done);
  }

  private void maybeFail(String endpoint) {
    if (down) {
      throw new AceStepException(
          "/" + endpoint, AceStepException.NO_RESPONSE, "connection refused", false, null);
    }
    Deque<AceStepException> q = faults.get(endpoint);
    if (q != null && !q.isEmpty()) {
      throw q.poll();
    }
  }

  /**
   * What a real server produces: a cover keeps the source length, a repaint covers max(source,
   * end).
   */
  double impliedDuration(TaskRequest r) {
    Double src =
        r.srcAudioPath() != null ? audioByPath.get(r.srcAudioPath()) : uploadedSeconds.get(r);
    if ("cover".equals(r.taskType())) {
      return src;
    }
    if ("repaint".equals(r.taskType())) {
      return Math.max(0, -r.repaintingStart()) + Math.max(src, r.repaintingEnd());
    }
    return r.audioDuration() == null ? 30.0 : r.audioDuration();
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public Health health() {
    healthCalls++;
    maybeFail("health");
    return new Health("ok", "ACE-Step API", "1.0");
  }

  /** The profile {@link #profile()} answers; a newer external server unless a test sets another. */
  ServerProfile profile =
      new ServerProfile(
          ServerProfile.Generation.NEWER,
          ServerProfile.Backend.EXTERNAL,
          "1.0",
          true,
          true,
          true,
          true,
          java.util.Optional.of(true),
          true,
          Map.of(),
          Set.of("mp3", "wav", "flac"),
          java.util.Optional.empty(),
          false);

  @Override
  public ServerProfile profile() {
    maybeFail("health");
    return profile;
  }

  @Override
  public List<ModelInfo> models() {
    return List.of(new ModelInfo("acestep-v15-turbo", true));
  }

  @Override
  public ServerStats stats() {
    statsCalls++;
    maybeFail("stats");
    long running =
        tasks.values().stream().filter(t -> !t.done && t.script.peek() != Answer.STALE).count();
    return new ServerStats(0, 0, running, 0, 0, 0, 200, avgJobSeconds);
  }

  @Override
  public Submission submit(TaskRequest request) {
    maybeFail("submit");
    if (refusesPaths && (request.srcAudioPath() != null || request.referenceAudioPath() != null)) {
      throw new AceStepException(
          "/release_task",
          400,
          "absolute audio file paths are not allowed",
          false,
          AceStepException.Kind.PATH_REFUSED,
          null);
    }
    return accept(request);
  }

  @Override
  public Submission submitWithUpload(TaskRequest request, Path localAudio) {
    maybeFail("submit");
    if (refusesUploads) {
      throw new AceStepException(
          "/release_task",
          500,
          "this server does not accept audio uploads",
          false,
          AceStepException.Kind.UPLOAD_REFUSED,
          null);
    }
    uploads.add(localAudio);
    try {
      uploadedSeconds.put(request, new FakeAudioProbe().probe(localAudio).durationSeconds());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return accept(request);
  }

  /** Reference files uploaded, in order. */
  final List<Path> referenceUploads = new ArrayList<>();

  @Override
  public Submission submitWithUpload(TaskRequest request, Path source, Path reference) {
    if (reference == null) {
      return submitWithUpload(request, source);
    }
    maybeFail("submit");
    if (refusesUploads) {
      throw new AceStepException(
          "/release_task",
          500,
          "this server does not accept audio uploads",
          false,
          AceStepException.Kind.UPLOAD_REFUSED,
          null);
    }
    referenceUploads.add(reference);
    if (source == null) {
      return submit(request);
    }
    uploads.add(source);
    return accept(request);
  }

  private Submission accept(TaskRequest request) {
    submitted.add(request);
    String id = "t" + next++;
    tasks.put(id, new Task(request, scripts.isEmpty() ? defaultScript : scripts.poll()));
    maxInFlight = Math.max(maxInFlight, (int) tasks.values().stream().filter(t -> !t.done).count());
    return new Submission(id, "queued", 0);
  }

  @Override
  public List<TaskStatus> query(List<String> taskIds) {
    maybeFail("query");
    queries.add(List.copyOf(taskIds));
    List<TaskStatus> out = new ArrayList<>();
    for (String id : taskIds) {
      Task t = tasks.get(id);
      if (t == null) {
        out.add(new TaskStatus.Unknown(id));
        continue;
      }
      Answer a = t.script.size() > 1 ? t.script.poll() : t.script.peek();
      out.add(
          switch (a) {
            case RUNNING -> new TaskStatus.Pending(id, 0.5, "running");
            case SUCCEED -> succeed(id, t);
            case FAIL -> {
              t.done = true;
              yield new TaskStatus.Failed(id, "");
            }
            case UNKNOWN -> {
              tasks.remove(id);
              yield new TaskStatus.Unknown(id);
            }
            case PRESUMED_TIMED_OUT -> new TaskStatus.PresumedTimedOut(id);
            case STALE -> new TaskStatus.Pending(id, 0.1, "Preparing inputs...");
          });
    }
    return out;
  }

  private TaskStatus succeed(String id, Task t) {
    t.done = true;
    List<Take> takes = new ArrayList<>();
    for (int i = 0; i < Math.min(t.request.batchSize(), maxBatch); i++) {
      String path = "/srv/out/" + id + "-" + i + "." + t.request.audioFormat();
      audioByPath.put(path, durationOf.applyAsDouble(t.request));
      takes.add(
          new Take(
              "/v1/audio?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
              path,
              rewrittenCaption != null ? rewrittenCaption : t.request.prompt(),
              t.request.lyrics(),
              Metas.EMPTY,
              String.valueOf(ignoresSeeds ? t.request.seed() + 1000 + i : t.request.seed()),
              "acestep-v15-turbo",
              ""));
    }
    return new TaskStatus.Succeeded(id, takes);
  }

  @Override
  public Download download(String fileUrl, Path target) {
    maybeFail("download");
    downloads.add(fileUrl);
    UncheckedIOException localFailure = downloadFailure;
    if (localFailure != null) {
      downloadFailure = null;
      throw localFailure;
    }
    String path =
        java.net.URLDecoder.decode(
            fileUrl.substring(fileUrl.indexOf("path=") + 5), StandardCharsets.UTF_8);
    try {
      FakeAudioProbe.write(target, audioByPath.get(path));
      byte[] bytes = Files.readAllBytes(target);
      return new Download(target, bytes.length, sha256(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean probe(String serverPath) {
    maybeFail("probe");
    probes.add(serverPath);
    return audioByPath.containsKey(serverPath) && !lostPaths.contains(serverPath);
  }

  @Override
  public FormatResult formatInput(FormatRequest request) {
    maybeFail("format");
    return new FormatResult(
        "formatted: " + request.prompt(),
        "[Verse]\n" + request.lyrics(),
        96,
        "D minor",
        "4",
        42.0,
        "en");
  }

  @Override
  public RandomSample randomSample(String sampleType) {
    maybeFail("random");
    return new RandomSample(
        null, false, "random caption", "[Chorus]\nla la", 120, 33.0, "E major", "4", "en");
  }

  @Override
  public void close() {}

  private static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // The executor does not drive adapters or models yet; a call here means a test scripted something
  // unplanned.

  @Override
  public dev.acepipe.client.LoraResult loraLoad(String loraPath, String adapterName) {
    throw new AssertionError("FakeAceStepClient has no LoRA script");
  }

  @Override
  public dev.acepipe.client.LoraResult loraUnload() {
    throw new AssertionError("FakeAceStepClient has no LoRA script");
  }

  @Override
  public dev.acepipe.client.LoraResult loraToggle(boolean useLora) {
    throw new AssertionError("FakeAceStepClient has no LoRA script");
  }

  @Override
  public dev.acepipe.client.LoraResult loraScale(double scale, String adapterName) {
    throw new AssertionError("FakeAceStepClient has no LoRA script");
  }

  @Override
  public dev.acepipe.client.LoraStatus loraStatus() {
    throw new AssertionError("FakeAceStepClient has no LoRA script");
  }

  @Override
  public dev.acepipe.client.InitResult initModel(String model, Integer slot) {
    throw new AssertionError("FakeAceStepClient has no model script");
  }
}
