package dev.acepipe.exec;

import dev.acepipe.adapters.AdapterGate;
import dev.acepipe.adapters.ModelCheck;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerStats;
import io.github.resilience4j.bulkhead.Bulkhead;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One server as the executor drives it: its client, the guard (Retry + CircuitBreaker) every call
 * goes through, the Bulkhead that bounds its jobs in flight, and what the run learned about it (its
 * profile and hand-off, whether its LM refused, whether it ignored seeds, whether it is idle). A
 * job travels with its lane from submission to download, so several servers can be driven at once;
 * only the loop thread touches a lane.
 */
final class ServerLane {
  private final AceStepClient client;
  private final ServerGuard guard;
  private final Bulkhead bulkhead;
  private final ServerProfile.Backend fallbackBackend;
  private final Consumer<ServerProfile> onProfile;

  /** Learned before the lane's first job is submitted; null while nothing needed the server. */
  private ServerProfile profile;

  /** True when the server could not tell what it can do and {@link #profile} is a guess. */
  private boolean profileGuessed;

  private ModelCheck modelCheck;

  /** Serializes the jobs of this server around its LoRA adapters; made on first need. */
  private AdapterGate adapterGate;

  private HandOff handOff;

  /**
   * The server answered "LLM not initialized" during this run: it has no LM, whatever its profile
   * said.
   */
  private boolean lmRefused;

  private boolean seedsWarned;

  /** The poll round in which {@link #idle} last asked, and its answer. */
  private long idleAskedAt = -1;

  private boolean idleAnswer;

  /** Told when a job of this lane ends (step id, whether it finished with takes); the pool's. */
  private java.util.function.BiConsumer<String, Boolean> onJobEnd = (id, finished) -> {};

  /** The pool's name of this server; its URL outside a pool. */
  private String poolName;

  /**
   * @param fallbackBackend who renders when the server cannot tell (null: an external server)
   * @param onProfile told the profile once it is known
   */
  ServerLane(
      AceStepClient client,
      ServerGuard guard,
      Bulkhead bulkhead,
      ServerProfile.Backend fallbackBackend,
      Consumer<ServerProfile> onProfile) {
    this.client = Objects.requireNonNull(client, "client");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.bulkhead = Objects.requireNonNull(bulkhead, "bulkhead");
    this.fallbackBackend = fallbackBackend;
    this.onProfile = Objects.requireNonNull(onProfile, "onProfile");
  }

  /** The server's base URL: how messages, the store and takes name it. */
  String name() {
    return client.baseUrl();
  }

  /** The name the pool's router knows this server by (its URL when there is no pool). */
  String poolName() {
    return poolName == null ? client.baseUrl() : poolName;
  }

  /** Its name in the pool; empty when it is the run's only server. */
  String poolMember() {
    return poolName == null ? "" : poolName;
  }

  /** Makes this lane one server of a pool: named {@code name}, its ends told to {@code onEnd}. */
  void joinPool(String name, java.util.function.BiConsumer<String, Boolean> onEnd) {
    this.poolName = Objects.requireNonNull(name, "name");
    this.onJobEnd = Objects.requireNonNull(onEnd, "onEnd");
    guard.failFast();
  }

  /** A job of this lane ended: gives its Bulkhead permit back and tells the pool. */
  void release(String stepId, boolean finished) {
    bulkhead.onComplete();
    onJobEnd.accept(stepId, finished);
  }

  AceStepClient client() {
    return client;
  }

  ServerGuard guard() {
    return guard;
  }

  Bulkhead bulkhead() {
    return bulkhead;
  }

  HandOff handOff() {
    return handOff;
  }

  /** The profile, if the run has learned it. */
  Optional<ServerProfile> learned() {
    return Optional.ofNullable(profile);
  }

  /** Uses {@code known} as the server's profile instead of asking for it. */
  void knownProfile(ServerProfile known) {
    this.profile = Objects.requireNonNull(known, "known");
    this.handOff = new HandOff(known);
    onProfile.accept(known);
  }

  /**
   * The server's profile, learned on first need; a server that cannot tell gets one that tries both
   * hand-offs, with a warning through {@code warn}.
   */
  ServerProfile profile(Consumer<String> warn) throws InterruptedException {
    if (profile == null) {
      ServerProfile learned;
      try {
        learned = guard.call(client::profile);
      } catch (AceStepException e) {
        warn.accept(
            "could not learn what server "
                + client.baseUrl()
                + " can do ("
                + e.getMessage()
                + "); trying server paths and uploads as each job needs");
        learned =
            new ServerProfile(
                ServerProfile.Generation.SNAPSHOT,
                fallbackBackend == null ? ServerProfile.Backend.EXTERNAL : fallbackBackend,
                "",
                true,
                true,
                true,
                false,
                Optional.empty(),
                false,
                Map.of(),
                Set.of("mp3", "wav", "flac"),
                Optional.empty(),
                false);
        profileGuessed = true;
      }
      knownProfile(learned);
    }
    return profile;
  }

  /**
   * Why this server cannot write the take format {@code request} asks for, if it cannot: a server
   * silently writes flac for a format it does not know, so a snapshot server asked for opus, aac or
   * wav32 would spend GPU time on takes of the wrong format. Empty when it can, and when the server
   * could not tell what it writes (its profile is a guess).
   */
  Optional<String> refusedFormat(ServerProfile p, String audioFormat) {
    String format = audioFormat == null ? "" : audioFormat.strip().toLowerCase(Locale.ROOT);
    if (profileGuessed || format.isEmpty() || p.formats().contains(format)) {
      return Optional.empty();
    }
    return Optional.of(
        "server "
            + name()
            + " ("
            + p.generation().name().toLowerCase(Locale.ROOT)
            + " generation) cannot write "
            + format
            + " takes: it writes "
            + String.join(", ", new java.util.TreeSet<>(p.formats()))
            + " and would silently send flac instead; set audio_format to one of those, or run"
            + " the step on a newer ACE-Step server (opus, aac and wav32 arrived after the"
            + " February 2026 snapshot)");
  }

  boolean lmRefused() {
    return lmRefused;
  }

  /**
   * The check of models and task types against this server's inventory, learned on first need; the
   * documented lists when the server cannot tell (then every model name passes).
   */
  ModelCheck modelCheck(Consumer<String> warn) throws InterruptedException {
    if (modelCheck == null) {
      try {
        modelCheck = ModelCheck.of(guard.call(client::modelInventory));
      } catch (AceStepException e) {
        warn.accept(
            "could not read the models of server "
                + client.baseUrl()
                + " ("
                + e.getMessage()
                + "); checking task types against the documented lists only");
        modelCheck = ModelCheck.offline();
      }
    }
    return modelCheck;
  }

  /**
   * The gate of this server's LoRA adapters, made with its profile on first need: a server without
   * the LoRA API admits jobs without adapters and fails the others.
   */
  AdapterGate adapterGate(Consumer<String> warn) throws InterruptedException {
    if (adapterGate == null) {
      adapterGate = AdapterGate.of(client, profile(warn));
    }
    return adapterGate;
  }

  /** {@code stepId} no longer holds or waits for a setup of this server (whatever ended it). */
  void releaseSetup(String stepId) {
    if (adapterGate != null) {
      adapterGate.release(stepId);
    }
  }

  /** The gate, if a job of this lane ever needed it. */
  Optional<AdapterGate> knownAdapterGate() {
    return Optional.ofNullable(adapterGate);
  }

  /** Remembers an "LLM not initialized" answer: later LM jobs fail before they are sent. */
  void noteLmRefusal(AceStepException e) {
    lmRefused |= e.kind() == AceStepException.Kind.LM_UNAVAILABLE;
  }

  /** True the first time this lane is found ignoring seeds: warn once per server. */
  boolean firstSeedsIgnored() {
    boolean first = !seedsWarned;
    seedsWarned = true;
    return first;
  }

  /**
   * Whether {@code /v1/stats} shows nothing running and nothing queued; asked at most once per poll
   * round, and false when unknown: a job is never called lost on a guess.
   */
  boolean idle(long round) throws InterruptedException {
    if (idleAskedAt != round) {
      idleAskedAt = round;
      idleAnswer = false;
      try {
        ServerStats stats = guard.call(client::stats);
        idleAnswer = stats.running() == 0 && stats.queued() == 0;
      } catch (AceStepException | ServerUnavailableException e) {
        idleAnswer = false;
      }
    }
    return idleAnswer;
  }

  /**
   * A refused API key (HTTP 401/403) refuses every later call as well: the run stops as it does for
   * an unreachable server, so the CLI exits 4 instead of failing step after step.
   */
  void stopIfRefused(RuntimeException e) {
    if (e instanceof AceStepException a && (a.httpStatus() == 401 || a.httpStatus() == 403)) {
      throw new ServerUnavailableException(
          client.baseUrl(),
          "the ACE-Step server at "
              + client.baseUrl()
              + " refused the API key ("
              + a.getMessage()
              + "); pass --api-key or set ACESTEP_API_KEY",
          a);
    }
  }

  /** "embedded synthesizer (not AI)", or the server's URL, version and generation. */
  String renderedBy() {
    ServerProfile.Backend backend = profile != null ? profile.backend() : fallbackBackend;
    if (backend == ServerProfile.Backend.EMBEDDED) {
      return "embedded synthesizer (not AI)";
    }
    if (profile == null) {
      return client.baseUrl();
    }
    return client.baseUrl()
        + " (ACE-Step"
        + (profile.version().isBlank() ? "" : " " + profile.version())
        + ", "
        + profile.generation().name().toLowerCase(Locale.ROOT)
        + " generation)";
  }
}
