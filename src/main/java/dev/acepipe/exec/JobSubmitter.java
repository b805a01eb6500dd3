package dev.acepipe.exec;

import dev.acepipe.adapters.ModelCheck;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.Submission;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskRequestBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Starts job steps on their lane: prepares the request ({@link JobHandler#prepare}), re-attaches to
 * a task an earlier run left, hands the source and reference audio off by path or upload ({@link
 * HandOff}) and submits; resubmissions repeat the hand-off, since a restarted server may have lost
 * the file.
 */
final class JobSubmitter {
  private final RunState state;

  JobSubmitter(RunState state) {
    this.state = state;
  }

  /**
   * A job's source and reference takes must exist: a server that cut {@code batch_size} returns
   * fewer takes than the pipeline counted on, and {@code from: draft#1} then names nothing.
   */
  void requireInputTakes(StepAction action) {
    if (!(action instanceof StepAction.Job job)) {
      return;
    }
    for (AudioRef ref : new AudioRef[] {job.source(), job.reference()}) {
      if (ref == null) {
        continue;
      }
      StepOutput out = state.outputOf(ref.stepId());
      if (ref.take() >= out.takes().size()) {
        throw new IllegalArgumentException(
            "input "
                + ref
                + " does not exist: step '"
                + ref.stepId()
                + "' has "
                + out.takes().size()
                + " take(s) (its server returned fewer than asked); use an existing take or let "
                + "'"
                + ref.stepId()
                + "' retry its missing takes (retries:)");
      }
    }
  }

  /**
   * Resolves the source, builds the request, hands the audio off and submits on {@code r.lane};
   * failures fail the step.
   */
  void start(RunningStep r, StepAction.Job job) throws InterruptedException {
    ServerLane lane = r.lane;
    r.state = StepState.RUNNING;
    r.startedAt = state.clock.instant();
    r.deadline = r.startedAt.plus(r.step.timeout());
    try {
      TakeResult source =
          job.source() == null
              ? null
              : state.outputOf(job.source().stepId()).take(job.source().take());
      double sourceSeconds = source == null ? 0 : source.audio().durationSeconds();
      JobRequests.Prepared prepared = JobRequests.prepare(job, sourceSeconds);
      r.expectedSeconds = prepared.expectedSeconds();
      r.prepared = prepared.request();
      r.asked = prepared.request();
      ServerProfile p = lane.profile(state.warnings::add);
      Optional<String> format = lane.refusedFormat(p, r.prepared.audioFormat());
      if (format.isPresent()) {
        throw new IllegalArgumentException(format.get());
      }
      checkModel(lane, p, r.prepared, job.switchModel());
      if (JobHints.needsLm(r.prepared) && (lane.lmRefused() || JobHints.lmMissing(p))) {
        throw new IllegalArgumentException(JobHints.noLm(lane.name(), r.prepared));
      }
      r.sourceRef = job.source();
      r.referenceRef = job.reference();
      r.reference =
          job.reference() == null
              ? null
              : state.outputOf(job.reference().stepId()).take(job.reference().take());
      r.source = source;
      Optional<String> earlier = state.journal.reattach(r.step.id(), lane.name());
      if (earlier.isPresent()) {
        reattach(r, earlier.get());
      } else {
        submit(r);
      }
    } catch (AceStepException e) {
      lane.stopIfRefused(e);
      lane.noteLmRefusal(e);
      state.fail(r, JobHints.refusal(lane.name(), e));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      state.fail(r, e.getMessage());
    } catch (ServerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      state.fail(r, RunState.messageOf(e));
    }
  }

  /**
   * Fails the step before submitting when its server has no model of the name it sends, or has it
   * without running it (the server would silently fall back to its primary model: unless the
   * pipeline switches models, see {@link AdapterAdmission}), or the model does not run its task
   * type. Only a named model or a base-only task is checked: a plain job on the default model needs
   * no inventory.
   */
  private void checkModel(
      ServerLane lane, ServerProfile profile, TaskRequest request, boolean switchModels)
      throws InterruptedException {
    String task = request.taskType() == null ? "text2music" : request.taskType();
    boolean named = request.model() != null && !request.model().isBlank();
    if (!named && ModelCheck.TURBO_TASKS.contains(task)) {
      return;
    }
    ModelCheck check = lane.modelCheck(state.warnings::add);
    ModelCheck.Verdict v = check.check(Optional.ofNullable(named ? request.model() : null), task);
    if (!v.ok()) {
      throw new IllegalArgumentException(lane.name() + ": " + v.message());
    }
    if (named
        && !switchModels
        && !profile.anyModel()
        && check.loaded(request.model()).equals(Optional.of(false))) {
      List<String> running = check.loadedModels();
      throw new IllegalArgumentException(
          lane.name()
              + ": the server has model '"
              + request.model().strip()
              + "' but does not run it"
              + (running.isEmpty() ? "" : " (it runs " + String.join(", ", running) + ")")
              + ", so the job would silently render on another model; add 'models: {switch:"
              + " true}' to the pipeline to let engine run load it between jobs (POST /v1/init),"
              + " or load it on the server yourself");
    }
  }

  /**
   * Follows a task an earlier (killed) run submitted for this exact step instead of submitting it
   * again. Counts as the first attempt; if the server answers "unknown task", the usual lost-task
   * handling submits anew.
   */
  private void reattach(RunningStep r, String taskId) {
    r.sent = r.prepared;
    r.attempts++;
    r.taskId = taskId;
    r.taskIds.add(taskId);
    r.jobStarted(taskId, state.clock.instant());
    r.stage = "queued";
    r.progress = 0;
    r.events.add("re-attached to task " + taskId + " left by an earlier run");
    state.notifyChanged(r);
  }

  /** Submits {@code r.prepared} again; a failure to do so fails the step. */
  void resubmit(RunningStep r) throws InterruptedException {
    try {
      submit(r);
    } catch (AceStepException | IllegalArgumentException | UncheckedIOException e) {
      r.lane.stopIfRefused(e);
      state.fail(r, "resubmitting failed: " + e.getMessage());
    }
  }

  /**
   * Hands the source and reference off ({@link HandOff}) and submits {@code r.prepared}.
   *
   * @throws IllegalArgumentException when the audio cannot reach this server (nothing was
   *     submitted)
   */
  private void submit(RunningStep r) throws InterruptedException {
    Submission sub = handOffAndSubmit(r, r.prepared);
    r.attempts++;
    r.taskId = sub.taskId();
    r.taskIds.add(sub.taskId());
    r.jobStarted(sub.taskId(), state.clock.instant());
    r.queuePosition = sub.queuePosition();
    r.stage = "queued";
    r.progress = 0;
    r.stageSince = state.clock.instant();
    state.journal.submitted(r.step.id(), r.lane.name(), sub.taskId(), r.attempts);
    state.notifyChanged(r);
  }

  /**
   * Chooses each input's way from the profile, submits, and on the specific refusal (uploads
   * refused, absolute path refused) switches that way off for the run and tries the other way once.
   */
  private Submission handOffAndSubmit(RunningStep r, TaskRequest request)
      throws InterruptedException {
    ServerLane lane = r.lane;
    HandOff handOff = lane.handOff();
    for (int round = 0; ; round++) {
      HandOff.Way src =
          r.source == null ? null : way(r, HandOff.Role.SOURCE, r.sourceRef, r.source);
      HandOff.Way ref =
          r.reference == null ? null : way(r, HandOff.Role.REFERENCE, r.referenceRef, r.reference);
      TaskRequestBuilder b = request.toBuilder();
      if (request.seeds().size() > 1 && !handOff.profile().seedLists()) {
        // A server without per-take lists would misread "s1,s2": it gets take 0's seed and draws
        // the rest.
        b.seed(request.seed());
      }
      if (src == HandOff.Way.PATH) {
        b.srcAudioPath(r.source.serverPath());
      }
      if (ref == HandOff.Way.PATH) {
        b.referenceAudioPath(r.reference.serverPath());
      }
      TaskRequest withPaths = b.build();
      try {
        Submission sub;
        if (src == HandOff.Way.UPLOAD || ref == HandOff.Way.UPLOAD) {
          if (src == HandOff.Way.UPLOAD
              && r.source.onServer(lane.name())
              && handOff.pathsAccepted()) {
            r.events.add(
                "source "
                    + r.source.serverPath()
                    + " is gone from the server; uploaded the local copy");
          }
          Path srcFile = src == HandOff.Way.UPLOAD ? r.source.localPath() : null;
          Path refFile = ref == HandOff.Way.UPLOAD ? r.reference.localPath() : null;
          sub =
              lane.guard().call(() -> lane.client().submitWithUpload(withPaths, srcFile, refFile));
        } else {
          sub = lane.guard().call(() -> lane.client().submit(withPaths));
        }
        r.sent = withPaths;
        return sub;
      } catch (AceStepException e) {
        boolean uploaded = src == HandOff.Way.UPLOAD || ref == HandOff.Way.UPLOAD;
        boolean byPath = src == HandOff.Way.PATH || ref == HandOff.Way.PATH;
        if (round == 0 && uploaded && e.kind() == AceStepException.Kind.UPLOAD_REFUSED) {
          handOff.uploadRefused();
          r.events.add(
              "server refused the upload ("
                  + e.getMessage()
                  + "); handing audio on by server path");
          continue;
        }
        if (round == 0 && byPath && e.kind() == AceStepException.Kind.PATH_REFUSED) {
          handOff.pathRefused();
          r.events.add(
              "server refused the absolute path ("
                  + e.getMessage()
                  + "); uploading the local copy");
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * The way {@code take} reaches the step's server, or the step's pre-submit failure saying what to
   * do.
   */
  private HandOff.Way way(RunningStep r, HandOff.Role role, AudioRef ref, TakeResult take)
      throws InterruptedException {
    ServerLane lane = r.lane;
    String server = lane.name();
    boolean here =
        take.onServer(server) || (take.onServer() && take.server().equals(TakeResult.RUN_SERVER));
    boolean[] live = new boolean[2]; // [asked, answer]: probe at most once per decision
    BooleanSupplier probeOnce =
        () -> {
          if (!live[0]) {
            live[0] = true;
            try {
              live[1] = lane.guard().call(() -> lane.client().probe(take.serverPath()));
            } catch (AceStepException e) {
              live[1] = false;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              live[1] = false;
            }
          }
          return live[1];
        };
    Optional<HandOff.Way> way = lane.handOff().first(here, probeOnce);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted while probing " + take.serverPath());
    }
    if (way.isEmpty()) {
      RunningStep from = state.step(ref.stepId());
      boolean fromImport = from != null && from.action instanceof StepAction.Import;
      throw new IllegalArgumentException(
          lane.handOff().advice(role, ref, fromImport, take, server));
    }
    return way.get();
  }
}
