package dev.acepipe.cli;

import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.junit.JUnitXml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --junit FILE} of {@code run} and {@code report}: the run as JUnit XML for CI, one test
 * case per step.
 */
final class RunJUnitOption {
  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the run as JUnit XML to FILE (one test case per step).")
  Path file;

  /**
   * Writes {@code report} as JUnit XML to {@code file}, if given, and names it on {@code notes}.
   */
  static void write(Path file, RunReport report, PrintWriter notes) throws IOException {
    if (file != null) {
      JUnitXml.write(file, JUnitXml.forRun(report));
      notes.println("junit: " + file);
    }
  }
}
