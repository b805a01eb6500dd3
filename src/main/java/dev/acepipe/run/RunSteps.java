package dev.acepipe.run;

import dev.acepipe.album.Album;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.RunResult;
import dev.acepipe.plan.Plan;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StoreFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of a run around the executor: the checks before it renders (step names, the lockfile,
 * the backend {@code --locked} compares against) and what the pipeline declares after it (the
 * album, the output files).
 */
final class RunSteps {
  private RunSteps() {}

  /** The album written, or why it could not be. */
  record AlbumWrite(Album written, String problem) {
    static final AlbumWrite NONE = new AlbumWrite(null, null);
  }

  /**
   * Writes the pipeline's {@code album:} after a successful full run (the caller leaves out runs
   * with {@code --only}, which may leave tracks out).
   */
  static AlbumWrite writeAlbum(
      Plan plan,
      RunResult result,
      Path projectDir,
      RunService.Io io,
      Map<String, Fingerprint> fingerprints) {
    if (plan.album().isEmpty() || result.outcome() != RunResult.Outcome.SUCCEEDED) {
      return AlbumWrite.NONE;
    }
    PrintWriter notes = io.notes();
    try {
      Album album =
          AlbumOutputs.write(
              plan.album().get(),
              result,
              projectDir,
              OutputLineage.albumTags(plan, plan.album().get(), result, fingerprints));
      notes.println(
          "album: "
              + album.directory()
              + " ("
              + album.tracks().size()
              + " tracks, "
              + album.playlist().getFileName()
              + ", "
              + album.tracklist().getFileName()
              + ")");
      AlbumOutputs.loudnessReport(album).forEach(notes::println);
      return new AlbumWrite(album, null);
    } catch (IOException | IllegalStateException e) {
      io.err().println("engine: album not written: " + e.getMessage());
      return new AlbumWrite(null, e.getMessage());
    }
  }

  /**
   * Why a declared output or the album is missing after the run, or null when everything in scope
   * was written.
   */
  static String declaredProblem(String albumProblem, List<OutputCopier.Copied> outputs) {
    List<String> problems = new ArrayList<>();
    for (OutputCopier.Copied c : outputs) {
      if (c.inScope() && !c.ok()) {
        problems.add(
            "output "
                + c.target().getFileName()
                + " not written ("
                + c.ref()
                + ": "
                + c.problem()
                + ")");
      }
    }
    if (albumProblem != null) {
      problems.add("album not written: " + albumProblem);
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /**
   * {@code --only}, {@code --from} and {@code --reroll} must name steps (or matrix instances) of
   * the plan.
   */
  static void requireKnownSteps(Plan plan, String option, List<String> names) throws RunException {
    Set<String> unknown = RenderChoices.unknownSteps(plan, names);
    if (!unknown.isEmpty()) {
      Set<String> known = new TreeSet<>();
      plan.order()
          .forEach(
              s -> {
                known.add(s.id());
                known.add(s.stepId());
              });
      String hint =
          unknown.size() == 1
              ? dev.acepipe.dsl.Suggest.didYouMean(unknown.iterator().next(), known)
                  .map(h -> " (" + h + ")")
                  .orElse("")
              : "";
      throw new RunException(
          RunException.Reason.USAGE,
          option + " names no step: " + String.join(", ", unknown) + hint);
    }
  }

  /**
   * The backend {@code --locked} checks the lock against: the embedded synthesizer without a server
   * URL, else what the server's profile says (an {@code engine serve} is the synthesizer too).
   */
  static String lockedBackend(RunTarget target) throws RunException {
    if (target.url() == null) {
      return Recipes.backendName(ServerProfile.Backend.EMBEDDED);
    }
    ClientConfig config = target.config();
    try (AceStepClient c = new OkHttpAceStepClient(config)) {
      return Recipes.backendName(c.profile().backend());
    } catch (AceStepException e) {
      throw new RunException(config.baseUrl(), e);
    }
  }

  static Lockfile readLock(Path lockPath, String pipeline) throws RunException {
    try {
      return Lockfile.read(lockPath).orElse(Lockfile.empty(pipeline));
    } catch (IOException e) {
      throw new RunException(
          RunException.Reason.INVALID,
          e instanceof StoreFormatException ? e.getMessage() : lockPath + ": " + e.getMessage());
    }
  }
}
