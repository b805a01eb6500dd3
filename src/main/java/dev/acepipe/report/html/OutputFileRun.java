package dev.acepipe.report.html;

import java.util.Objects;

/**
 * One {@code outputs:} entry of a run, as the report lists it.
 *
 * @param step the reference ({@code draft}, {@code hook[mood=dark]#1})
 * @param path the file, relative to the project directory
 * @param link the file relative to the run directory (for a link), or {@code ""} when it was not
 *     written
 * @param written whether the run wrote it
 * @param problem why it was not written, or {@code ""}
 */
public record OutputFileRun(
    String step, String path, String link, boolean written, String problem) {
  public OutputFileRun {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(path, "path");
    link = link == null ? "" : link;
    problem = problem == null ? "" : problem;
  }
}
