package dev.acepipe.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where acepipe keeps its state inside a project: everything lives in {@code <project>/.acepipe/},
 * written down here once.
 *
 * <pre>
 * .acepipe/
 *   store/                    content-addressed renders ({@link ArtifactStore})
 *   journal/&lt;pipeline&gt;.jsonl   tasks in flight on an external server ({@link Journal})
 *   locks/&lt;file&gt;.lock          one engine per pipeline file ({@link RunLock})
 *   runs/&lt;run-id&gt;/             one folder per {@code engine run}: manifest.json, takes/, report.html
 *   verify/&lt;run-id&gt;/           one folder per {@code engine verify}
 * </pre>
 *
 * @param projectDir the folder of the pipeline file
 */
public record ProjectLayout(Path projectDir) {
  /** The state folder's name, directly in the project. */
  public static final String STATE_DIR = ".acepipe";

  /** The run manifest's file name inside a run folder. */
  public static final String MANIFEST = "manifest.json";

  private static final String RUNS = "runs";

  public static ProjectLayout of(Path projectDir) {
    return new ProjectLayout(projectDir);
  }

  /** The layout of the project that holds {@code pipelineFile}. */
  public static ProjectLayout ofPipeline(Path pipelineFile) {
    return new ProjectLayout(pipelineFile.toAbsolutePath().normalize().getParent());
  }

  /** {@code .acepipe/}. */
  public Path state() {
    return projectDir.resolve(STATE_DIR);
  }

  public Path store() {
    return state().resolve("store");
  }

  /** The journal of {@code pipelineName}, with unsafe file-name characters replaced. */
  public Path journal(String pipelineName) {
    return state().resolve("journal").resolve(safe(pipelineName) + ".jsonl");
  }

  /** The run lock of the pipeline file named {@code fileName}. */
  public Path lock(String fileName) {
    return state().resolve("locks").resolve(safe(fileName) + ".lock");
  }

  public Path runs() {
    return state().resolve(RUNS);
  }

  public Path run(String runId) {
    return runs().resolve(runId);
  }

  public Path verifyRun(String runId) {
    return state().resolve("verify").resolve(runId);
  }

  /** The manifest of the run in {@code runDir}. */
  public static Path manifest(Path runDir) {
    return runDir.resolve(MANIFEST);
  }

  /**
   * Whether {@code projectRelative} lies in the state folder (its first name is {@code .acepipe}).
   */
  public static boolean inState(Path projectRelative) {
    return projectRelative.getNameCount() > 0
        && projectRelative.getName(0).toString().equals(STATE_DIR);
  }

  /** The project of a run folder {@code <project>/.acepipe/runs/<id>}, or empty for any other. */
  public static Optional<Path> projectOfRun(Path runDir) {
    Path run = runDir.toAbsolutePath().normalize();
    Path runs = run.getParent();
    Path state = runs == null ? null : runs.getParent();
    if (runs != null
        && state != null
        && runs.getFileName().toString().equals(RUNS)
        && state.getFileName().toString().equals(STATE_DIR)
        && state.getParent() != null) {
      return Optional.of(state.getParent());
    }
    return Optional.empty();
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
