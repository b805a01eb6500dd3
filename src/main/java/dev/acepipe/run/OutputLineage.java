package dev.acepipe.run;

import dev.acepipe.adapters.Adapter;
import dev.acepipe.adapters.AdapterSet;
import dev.acepipe.album.AlbumTags;
import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedAlbum;
import dev.acepipe.plan.PlannedOutput;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.store.Fingerprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the recipe (pipeline, step, fingerprint, seed, the model that rendered it, its LoRA
 * adapters, acepipe version, who rendered it and what the server used where it differed from the
 * request) into every {@code outputs:} file a run wrote. Only these exported copies are tagged: the
 * takes in the run folder and the store's objects keep their bytes, so their SHA-256 stays valid.
 * Tagging is deterministic, so an unchanged re-run writes identical files.
 */
public final class OutputLineage {
  /** The acepipe version written into lineage tags. */
  public static final String VERSION = "0.1.0";

  private OutputLineage() {}

  /**
   * @param copied what {@link OutputCopier#copy} wrote, in the order of {@code outputs}
   * @param fingerprints job step fingerprints by instance id (imports and other steps have none:
   *     "none")
   * @param err where a file that cannot be tagged is reported (the output itself stays written)
   */
  public static void tag(
      Plan plan,
      List<OutputCopier.Copied> copied,
      RunResult result,
      Map<String, Fingerprint> fingerprints,
      PrintWriter err) {
    List<PlannedOutput> outputs = plan.outputs();
    for (int i = 0; i < copied.size() && i < outputs.size(); i++) {
      OutputCopier.Copied c = copied.get(i);
      if (!c.ok()) {
        continue;
      }
      String stepId = outputs.get(i).ref().step();
      int takeIndex = outputs.get(i).ref().take();
      StepReport step = result.step(stepId).orElse(null);
      if (step == null || takeIndex >= step.takes().size()) {
        continue;
      }
      try {
        LineageTags.write(c.target(), lineage(plan, result, step, takeIndex, fingerprints));
      } catch (IOException | RuntimeException e) {
        err.println("warning: " + c.target() + ": lineage not written: " + e.getMessage());
      }
    }
    err.flush();
  }

  /**
   * The lineage of take {@code takeIndex} of {@code step}. A select step renders nothing itself:
   * its take is traced to the step and take it selected, whose recipe made the audio.
   */
  static Lineage lineage(
      Plan plan,
      RunResult result,
      StepReport step,
      int takeIndex,
      Map<String, Fingerprint> fingerprints) {
    if (step.fields().get("selected") instanceof String selected && selected.lastIndexOf('#') > 0) {
      int hash = selected.lastIndexOf('#');
      try {
        int index = Integer.parseInt(selected.substring(hash + 1));
        Optional<StepReport> source = result.step(selected.substring(0, hash));
        if (source.isPresent() && index < source.get().takes().size()) {
          return lineage(plan, result, source.get(), index, fingerprints);
        }
      } catch (NumberFormatException e) {
        // not a step#take reference: the select step itself is named
      }
    }
    TakeResult take = step.takes().get(takeIndex);
    Fingerprint fp = fingerprints.get(step.id());
    String model =
        !take.ditModel().isBlank()
            ? take.ditModel()
            : step.request() != null && step.request().model() != null
                ? step.request().model()
                : Recipes.DEFAULT_MODEL;
    return new Lineage(
        plan.name(),
        step.id(),
        fp == null ? "none" : fp.toString(),
        take.seedSent(),
        model,
        VERSION,
        result.renderedBy(),
        serverUsed(step),
        lora(plan, step.id()));
  }

  /**
   * The adapters of step instance {@code id} as its server had them loaded, named as the run named
   * them there ({@code name@scale (path)}); null when it has none. Server paths and names only:
   * nothing of a request's credentials.
   */
  static String lora(Plan plan, String id) {
    PlannedStep planned;
    try {
      planned = plan.step(id);
    } catch (java.util.NoSuchElementException e) {
      return null;
    }
    if (planned.lora().isEmpty()) {
      return null;
    }
    return new AdapterSet(
            planned.lora().stream()
                .map(a -> Adapter.of(a.path(), a.scale(), a.adapterName()))
                .toList())
        .toString();
  }

  /**
   * The tags of {@code album}'s tracks: its title and artist, and the lineage of each track's take
   * (the takes a run did not produce get none; {@link AlbumOutputs} then refuses the album anyway).
   */
  public static AlbumTags albumTags(
      Plan plan, PlannedAlbum album, RunResult result, Map<String, Fingerprint> fingerprints) {
    Map<String, Lineage> bySource = new HashMap<>();
    for (PlannedAlbum.Track t : album.tracks()) {
      result
          .step(t.source().step())
          .filter(s -> t.source().take() < s.takes().size())
          .ifPresent(
              s ->
                  bySource.put(
                      t.source().toString(),
                      lineage(plan, result, s, t.source().take(), fingerprints)));
    }
    return new AlbumTags(album.title(), album.artistName().orElse(null), bySource);
  }

  /**
   * {@code caption='...'; bpm=96}: one line, for the {@code ACEPIPE_SERVER_USED} tag; null when
   * nothing differed.
   */
  static String serverUsed(StepReport step) {
    if (step.serverUsed().isEmpty()) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    step.serverUsed()
        .forEach(
            (k, v) -> {
              String text = String.valueOf(v).replaceAll("\\p{Cntrl}+", " ").strip();
              s.append(s.length() == 0 ? "" : "; ")
                  .append(k)
                  .append('=')
                  .append(v instanceof String ? "'" + text + "'" : text);
            });
    return s.toString();
  }
}
