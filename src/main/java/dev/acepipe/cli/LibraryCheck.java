package dev.acepipe.cli;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks a library file (one written for {@code include:}: {@code params}, {@code defaults}, {@code
 * vars}, {@code templates}, but no {@code name} and no {@code steps}) on its own. It is checked the
 * way a pipeline that includes it sees it: a pipeline beside it includes it and uses each of its
 * templates once, and only what is located in the library (or in what it includes) is reported.
 */
final class LibraryCheck {
  private LibraryCheck() {}

  /**
   * Whether {@code file}, whose pipeline check is {@code asPipeline}, is a library: the check found
   * no {@code steps} (so the file passed the loader's size and syntax limits) and the file has no
   * {@code name} either.
   */
  static boolean isLibrary(Path file, CheckResult asPipeline) {
    boolean noSteps =
        asPipeline.diagnostics().stream()
            .anyMatch(
                d ->
                    d.code().equals(dev.acepipe.diagnostic.Codes.MISSING_FIELD)
                        && d.message().contains("'steps'"));
    if (!noSteps) {
      return false;
    }
    try {
      Object doc =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      return doc instanceof Map<?, ?> m && !m.containsKey("steps") && !m.containsKey("name");
    } catch (IOException | RuntimeException e) {
      return false; // the normal check reports what is wrong with it
    }
  }

  static CheckResult check(PipelineChecker checker, Path file, String displayName) {
    List<String> templates = templateNames(file);
    Path probe = Path.of(displayName).resolveSibling(".library-check-" + file.getFileName());
    StringBuilder root =
        new StringBuilder("version: 1\nname: library-check\ninclude: [")
            .append(quoted(file.getFileName().toString()))
            .append("]\nsteps:\n");
    if (templates.isEmpty()) {
      root.append("  library_check:\n    type: generate\n    prompt: library check\n");
    }
    for (String t : templates) {
      root.append("  ").append(quoted(t)).append(":\n    use: ").append(quoted(t)).append('\n');
    }
    CheckResult synthetic = checker.check(root.toString(), probe.toString());
    List<Diagnostic> ours = new ArrayList<>();
    for (Diagnostic d : synthetic.diagnostics()) {
      if (!d.location().file().equals(probe.toString())) {
        ours.add(d);
      }
    }
    List<String> lines = synthetic.sources().getOrDefault(displayName, readLines(file));
    return new CheckResult(displayName, synthetic.pipeline(), lines, ours, synthetic.sources());
  }

  private static List<String> templateNames(Path file) {
    try {
      Object doc =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      if (doc instanceof Map<?, ?> m && m.get("templates") instanceof Map<?, ?> t) {
        return t.keySet().stream().map(String::valueOf).toList();
      }
    } catch (IOException | RuntimeException e) {
      // reported by the check itself
    }
    return List.of();
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
