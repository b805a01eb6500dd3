package dev.acepipe.cli;

import dev.acepipe.diagnostic.DiagnosticJson;
import dev.acepipe.diagnostic.DiagnosticPrinter;
import dev.acepipe.json.JsonMappers;
import dev.acepipe.report.github.GitHubActions;
import dev.acepipe.report.junit.JUnitXml;
import dev.acepipe.report.junit.ValidatedFile;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import dev.acepipe.validate.SchemaCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine validate FILE...}: checks every file, prints {@code ✓ FILE} or {@code ✘ FILE} and
 * the diagnostics, and goes on past failures. A library file for {@code include:} (no {@code name},
 * no {@code steps}) gets the library check ({@link LibraryCheck}). Exit 0 when all are valid
 * (warnings allowed), 3 when any is invalid (or, with {@code --strict}, has a warning), 2 when a
 * file cannot be read.
 */
@Command(name = "validate", description = "Check pipeline files; print located diagnostics.")
public final class ValidateCommand extends EngineCommand {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Pipeline files (YAML).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  OutputFormat format;

  @Option(
      names = "--no-schema",
      description =
          "Skip the JSON Schema pass (the engine's own checks still run); faster on large files.")
  boolean noSchema;

  @Mixin StrictOption strict = new StrictOption();

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write JUnit XML: one test case per pipeline file.")
  Path junit;

  @Override
  public Integer call() throws Exception {
    if (!noSchema) {
      SchemaCheck.preloadInBackground();
    }
    PipelineChecker checker = strict.checker(!noSchema);
    PrintWriter out = main.out();
    PrintWriter err = main.err();
    boolean unreadable = false;
    boolean invalid = false;
    List<Map<String, Object>> json = new ArrayList<>();
    List<ValidatedFile> validated = new ArrayList<>();
    Instant startedAt = Instant.now();
    for (Path file : files) {
      String name = file.toString();
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        unreadable = true;
        String why = Files.isDirectory(file) ? "is a directory" : "no such file or not readable";
        if (format == OutputFormat.json) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("file", name);
          f.put("valid", false);
          f.put("error", why);
          json.add(f);
        } else {
          out.println("✘ " + name);
          err.println("engine: " + name + ": " + why);
        }
        continue;
      }
      long started = System.nanoTime();
      CheckResult result = checker.check(file, name);
      boolean library = LibraryCheck.isLibrary(file, result);
      if (library) {
        result = LibraryCheck.check(checker, file, name);
      }
      validated.add(
          new ValidatedFile(
              name, result.diagnostics(), Duration.ofNanos(System.nanoTime() - started)));
      invalid |= !result.isValid();
      if (format == OutputFormat.json) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", name);
        f.put("valid", result.isValid());
        if (library) {
          f.put("library", true);
        }
        f.put("diagnostics", DiagnosticJson.of(result.diagnostics()));
        json.add(f);
      } else {
        out.println(
            (result.isValid() ? "✓ " : "✘ ") + name + (library ? " (library for include:)" : ""));
        out.flush();
        DiagnosticPrinter.print(result.diagnostics(), result.sources(), err);
        err.flush();
      }
    }
    if (format == OutputFormat.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("valid", !invalid && !unreadable);
      doc.put("files", json);
      out.println(JsonMappers.pretty().writeValueAsString(doc));
    }
    if (junit != null) {
      JUnitXml.write(junit, JUnitXml.forValidation(validated, startedAt));
    }
    // Inside GitHub Actions: annotations on the offending lines and a job summary (stdout stays
    // JSON with --format json).
    GitHubActions.of(main.env())
        .publishValidation(format == OutputFormat.json ? err : out, validated);
    if (unreadable) {
      return ExitCodes.USAGE;
    }
    return invalid ? ExitCodes.INVALID : ExitCodes.OK;
  }
}
