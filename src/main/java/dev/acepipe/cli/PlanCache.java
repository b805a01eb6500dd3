package dev.acepipe.cli;

import dev.acepipe.plan.Plan;
import dev.acepipe.run.CacheStatus;
import dev.acepipe.run.RenderChoices;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Lockfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cache section of {@code engine plan}: per step instance {@code cached}, {@code will render}
 * or {@code stale} with a one-line reason, decided from the lockfile beside the pipeline and the
 * project's store (see {@link CacheStatus}). Kept out of {@link PlanCommand} so the plan renderers
 * stay cache-agnostic.
 */
final class PlanCache {
  private PlanCache() {}

  /**
   * Prints the section under the plan; a damaged lockfile is reported in the section, not fatal for
   * planning.
   */
  static void print(Path pipelineFile, Plan plan, PrintWriter out) {
    print(pipelineFile, plan, out, dev.acepipe.store.remote.RemoteTier.NONE);
  }

  /**
   * As above, reading through to {@code remote} as a run would (what it has is fetched into the
   * local store).
   */
  static void print(
      Path pipelineFile, Plan plan, PrintWriter out, dev.acepipe.store.remote.RemoteTier remote) {
    Path file = pipelineFile.toAbsolutePath().normalize();
    Path lockPath = Lockfile.pathFor(file);
    Lockfile lock;
    try {
      lock = Lockfile.read(lockPath).orElse(Lockfile.empty(plan.name()));
    } catch (IOException e) {
      out.println();
      out.println("cache: unknown (" + e.getMessage() + ")");
      return;
    }
    Path projectDir = file.getParent();
    RenderChoices choices = RenderChoices.of(plan, lock, false, List.of(), List.of());
    List<CacheStatus.Row> rows =
        CacheStatus.of(
            plan,
            projectDir,
            ArtifactStore.forProject(projectDir),
            lock,
            choices.rerolls(),
            Set.of(),
            CacheStatus.defaultBackend(plan),
            remote);
    int width = rows.stream().mapToInt(r -> r.id().length()).max().orElse(0);
    long cached = rows.stream().filter(r -> r.mark().equals("cached")).count();
    out.println();
    out.printf(
        Locale.ROOT, "cache (%s, %d of %d cached):%n", lockPath.getFileName(), cached, rows.size());
    for (CacheStatus.Row r : rows) {
      out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", r.id(), r.line());
    }
  }
}
