package dev.acepipe.exec;

import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.audio.analysis.StreamingAnalysis;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.Download;
import dev.acepipe.client.Take;
import dev.acepipe.client.TaskRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes in what a step produced: downloads, hashes and probes the takes of a finished job (asking
 * again for takes a server cut from the batch), measures them against the step's {@code expect:}
 * ({@link TakeChecks}) and rerolls with new seeds while {@code on_fail: reroll} and the retries
 * allow; a stored output goes through the same checks ({@link #settleCached}).
 */
final class TakeCollector {
  /** The largest difference between a take's probed length and the length its request implies. */
  static final double DURATION_TOLERANCE_SECONDS = 1.0;

  private final RunState state;
  private final JobSubmitter submitter;

  TakeCollector(RunState state, JobSubmitter submitter) {
    this.state = state;
    this.submitter = submitter;
  }

  /**
   * Downloads, hashes and probes every take of a finished job; checks each length against the
   * request. A server that cut {@code batch_size} returns fewer takes: the missing ones are asked
   * for again (their own seeds, counted against {@code retries}), else the step fails naming the
   * cut.
   */
  void collect(RunningStep r, List<Take> takes) throws InterruptedException {
    r.stage = "downloading";
    state.notifyChanged(r);
    List<TakeResult> results = new ArrayList<>();
    // wav32 takes are saved as .wav (ServerFormat.extension); unknown names keep their own.
    String ext =
        "."
            + dev.acepipe.audio.ServerFormat.byName(r.sent.audioFormat())
                .map(dev.acepipe.audio.ServerFormat::extension)
                .orElse(r.sent.audioFormat());
    List<Long> seeds = ServerFacts.seedsSent(r.sent);
    try {
      for (int i = 0; i < takes.size(); i++) {
        Take t = takes.get(i);
        if (t.fileUrl().isEmpty()) {
          r.events.add("take " + i + " came back without a file");
          continue;
        }
        int index = r.collected.size() + results.size();
        Path target =
            state.options.takesDir().resolve(r.step.id()).resolve(index + extensionOf(t, ext));
        Files.createDirectories(target.getParent());
        Download d = download(r, t, target);
        AudioInfo info = state.lock.reading(() -> state.probe.probe(d.path()));
        if (r.expectedSeconds != null
            && Math.abs(info.durationSeconds() - r.expectedSeconds) > DURATION_TOLERANCE_SECONDS) {
          state.fail(
              r,
              String.format(
                  Locale.ROOT,
                  "take %d: server returned %.1f s, expected %.1f s",
                  index,
                  info.durationSeconds(),
                  r.expectedSeconds));
          return;
        }
        results.add(
            TakeResult.builder(index, d.path(), d.sha256(), d.bytes(), info)
                .serverPath(t.serverPath())
                .fileUrl(t.fileUrl())
                .seedSent(i < seeds.size() ? seeds.get(i) : r.sent.seed())
                .seedReported(t.seedValue())
                .metas(t.metas())
                .ditModel(t.ditModel())
                .lmModel(t.lmModel())
                .prompt(t.prompt())
                .lyrics(t.lyrics())
                .server(r.lane.name())
                .build());
      }
    } catch (AceStepException e) {
      r.lane.stopIfRefused(e);
      state.fail(r, "downloading a take failed: " + e.getMessage());
      return;
    } catch (UncheckedIOException e) {
      // Our own disk (full, read-only): this step fails with the reason; the partial file was
      // removed.
      state.fail(r, e.getMessage());
      return;
    } catch (IOException e) {
      state.fail(r, "a downloaded take is not readable audio: " + e.getMessage());
      return;
    }
    if (!ServerFacts.seedsUsed(r.lane.learned().orElse(null), r.sent, results)) {
      r.seedsIgnored = true;
    }
    r.collected.addAll(results);
    int wanted = r.asked.batchSize();
    if (r.collected.isEmpty()) {
      state.fail(r, "the server returned no takes (task " + r.taskId + ")");
      return;
    }
    if (r.collected.size() < wanted) {
      int missing = wanted - r.collected.size();
      String cut =
          "the server returned "
              + r.collected.size()
              + " of "
              + wanted
              + " takes (it cuts batch_size to fit"
              + " its GPU tier, or dropped silent takes)";
      if (r.attempts <= r.step.retries()) {
        r.events.add(cut + "; asked again for the " + missing + " missing take(s)");
        r.prepared = missingTakes(r, missing);
        submitter.resubmit(r);
      } else {
        state.fail(
            r,
            cut
                + "; ask for `takes: "
                + r.collected.size()
                + "`, or give the step `retries:` so acepipe asks "
                + "for the missing takes again ("
                + r.attempts
                + " attempt(s), task "
                + r.taskId
                + ")");
      }
      return;
    }
    finishJob(r);
  }

  /**
   * The request for the {@code missing} takes after the ones collected, each with its own seed:
   * from the step's per-take list, else derived from the step's seed with the documented seed
   * function.
   */
  private static TaskRequest missingTakes(RunningStep r, int missing) {
    int from = r.collected.size();
    List<Long> seeds = new ArrayList<>();
    for (int i = from; i < from + missing; i++) {
      seeds.add(
          i < r.asked.seeds().size()
              ? r.asked.seeds().get(i)
              : dev.acepipe.store.Seeds.derive(r.asked.seed(), r.step.id(), i));
    }
    return r.asked.toBuilder().batchSize(missing).seeds(seeds).build();
  }

  private void finishJob(RunningStep r) throws InterruptedException {
    if (r.seedsIgnored) {
      state.journal.notReproducible(r.step.id());
      if (r.lane.firstSeedsIgnored()) {
        state.warnings.add(
            "server "
                + r.lane.name()
                + " did not use the seeds acepipe sent (it reported others"
                + (r.lane.learned().map(p -> !p.honoursSeeds()).orElse(false)
                    ? "; its generation ignores seeds"
                    : "")
                + "): its renders are not reproducible, and their lock blocks say reproducible: false");
      }
    }
    r.serverUsed = ServerFacts.serverUsed(r.asked, r.collected.get(0), r.expectedSeconds);
    if (!r.serverUsed.isEmpty()) {
      r.events.add("server used " + ServerFacts.describe(r.serverUsed, r.asked, r.expectedSeconds));
    }
    List<TakeResult> results = r.collected;
    if (!r.step.checks().expect().isEmpty()) {
      List<TakeResult> checked = checked(r, List.copyOf(r.collected));
      if (checked == null) {
        return;
      }
      if (checked.stream().noneMatch(TakeResult::passedChecks)) {
        r.collected.clear();
        rerollOrFail(r, checked);
        return;
      }
      results = checked;
    }
    state.succeed(r, JobHandler.output(r.step.id(), (StepAction.Job) r.action, results));
  }

  private static String extensionOf(Take t, String fallback) {
    String p = t.serverPath();
    int dot = p.lastIndexOf('.');
    int slash = p.lastIndexOf('/');
    return dot > slash && dot >= 0 && p.length() - dot <= 6 ? p.substring(dot) : fallback;
  }

  // ---- take checks (expect: / on_fail:)
  // --------------------------------------------------------------

  /**
   * Downloads one take; when the step has checks, they are measured on the same pass as the bytes
   * arrive (docs/recipes.md, "Take checks against download and probe"), so checking adds little to
   * the download. A take the streaming analysis cannot read is measured from the file later.
   */
  private Download download(RunningStep r, Take t, Path target) throws InterruptedException {
    var expect = r.step.checks().expect();
    StreamingAnalysis[] live = new StreamingAnalysis[1];
    try {
      Download d =
          r.lane
              .guard()
              .call(
                  () -> {
                    if (live[0] != null) {
                      live[0].close(); // a retried attempt starts afresh
                    }
                    live[0] =
                        expect.isEmpty()
                            ? null
                            : state.probe.analyzeWhileDownloading(
                                TakeChecks.extrasFor(expect), TakeChecks.silenceThreshold(expect));
                    return live[0] == null
                        ? r.lane.client().download(t.fileUrl(), target)
                        : r.lane.client().download(t.fileUrl(), target, live[0]);
                  });
      if (live[0] != null) {
        try {
          r.streamed.put(d.path(), live[0].finish());
        } catch (IOException notStreamable) {
          // measured from the finished file in checked()
        }
      }
      return d;
    } finally {
      if (live[0] != null) {
        live[0].close();
      }
    }
  }

  /**
   * Measures every take against the step's expect:; null after failing the step when a take cannot
   * be read.
   */
  private List<TakeResult> checked(RunningStep r, List<TakeResult> takes) {
    var expect = r.step.checks().expect();
    Integer bpm = r.sent != null ? r.sent.bpm() : null;
    Double expected =
        r.expectedSeconds != null
            ? r.expectedSeconds
            : r.sent != null ? r.sent.audioDuration() : null;
    List<TakeResult> out = new ArrayList<>(takes.size());
    for (TakeResult t : takes) {
      try {
        AudioAnalysis streamed = r.streamed.remove(t.localPath());
        var measured =
            streamed != null
                ? streamed
                : state.probe.analyze(
                    t.localPath(),
                    TakeChecks.extrasFor(expect),
                    TakeChecks.silenceThreshold(expect));
        out.add(t.withCheck(TakeChecks.evaluate(expect, measured, expected, bpm)));
      } catch (IOException | RuntimeException e) {
        state.fail(
            r, "take " + t.index() + " cannot be measured for its checks: " + e.getMessage());
        return null;
      }
    }
    return out;
  }

  /**
   * Every take failed its checks: ask for new takes with new seeds while retries allow, else fail
   * naming them.
   */
  private void rerollOrFail(RunningStep r, List<TakeResult> failed) throws InterruptedException {
    String why = reject(r, failed);
    if (!mayReroll(r)) {
      state.fail(
          r,
          "no take passed its checks ("
              + r.step.checks().expect().describe()
              + ")"
              + (r.rerolls > 0 ? " after " + r.rerolls + " reroll(s)" : "")
              + ": "
              + why);
      return;
    }
    r.events.add("no take passed its checks (" + why + "); rerolled with new seeds");
    Optional<StepOutput> hit = nextReroll(r);
    if (hit.isPresent() && settleCached(r, hit.get())) {
      return;
    }
    try {
      StepAction.Job job = (StepAction.Job) r.action;
      JobRequests.Prepared prepared =
          JobRequests.prepare(job, r.source == null ? 0 : r.source.audio().durationSeconds());
      r.expectedSeconds = prepared.expectedSeconds();
      // The hand-off (source and reference path or upload) is decided again on submission.
      r.prepared = prepared.request();
      r.asked = prepared.request();
    } catch (IllegalArgumentException e) {
      state.fail(r, e.getMessage());
      return;
    }
    submitter.resubmit(r);
  }

  /** Keeps {@code failed} as the step's rejected takes; returns what each of them failed. */
  private static String reject(RunningStep r, List<TakeResult> failed) {
    r.rejected = List.copyOf(failed);
    return failed.stream()
        .map(t -> "take " + t.index() + ": " + t.check().describe())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** Whether the step rerolls when no take passed: {@code on_fail: reroll} and retries left. */
  private static boolean mayReroll(RunningStep r) {
    return r.step.checks().onFailOrDefault() == dev.acepipe.dsl.model.Expect.OnFail.REROLL
        && r.rerolls < r.step.retries();
  }

  /**
   * Moves the step to its next reroll: new action (new seeds), told to the journal; a stored output
   * for it, if any.
   */
  private Optional<StepOutput> nextReroll(RunningStep r) {
    r.rerolls++;
    state.journal.rerolled(r.step.id(), r.rerolls);
    r.action = r.step.resolver().resolve(state::outputOf, r.rerolls);
    return state.journal.cached(r.step.id(), r.action, state::outputOf);
  }

  /**
   * Takes a stored output, after checking its takes when the step expects something; rerolls
   * through further stored outputs. Returns false when the (rerolled) step must be rendered after
   * all.
   */
  boolean settleCached(RunningStep r, StepOutput hit) throws InterruptedException {
    StepOutput out = hit;
    while (true) {
      if (r.startedAt == null) {
        r.startedAt = state.clock.instant();
      }
      if (!r.step.checks().expect().isEmpty()) {
        List<TakeResult> takes = checked(r, out.takes());
        if (takes == null) {
          return true;
        }
        if (takes.stream().noneMatch(TakeResult::passedChecks)) {
          String why = reject(r, takes);
          if (!mayReroll(r)) {
            state.fail(
                r,
                "no stored take passed its checks ("
                    + r.step.checks().expect().describe()
                    + "): "
                    + why);
            return true;
          }
          r.events.add("no stored take passed its checks (" + why + "); rerolled with new seeds");
          Optional<StepOutput> next = nextReroll(r);
          if (next.isEmpty()) {
            return false;
          }
          out = next.get();
          continue;
        }
        out = new StepOutput(out.stepId(), takes, out.fields());
      }
      r.events.add("reused stored output");
      r.output = out;
      state.finish(r, StepState.CACHED, null);
      return true;
    }
  }
}
