package dev.acepipe.validate;

import dev.acepipe.dsl.Decoded;
import dev.acepipe.dsl.Decoder;
import dev.acepipe.dsl.LoadResult;
import dev.acepipe.dsl.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Checks one pipeline file: load (safe YAML) → decode → every semantic rule → the JSON Schema (as a
 * safety net, only when nothing else is wrong, so diagnostics are not reported twice). Never throws for
 * bad input. Thread-safe.
 */
public final class PipelineChecker {
  private static final List<Rule> RULES =
      List.of(
          new RequiredFieldsRule(),
          new StepReferenceRule(),
          new MatrixReferenceRule(),
          new ExpressionRule(),
          new RepaintWindowRule(),
          new OutputPathRule(),
          new CycleRule());

  private final YamlLoader loader = new YamlLoader();
  private final Decoder decoder = new Decoder();
  private final boolean schema;

  /** A checker that also runs the JSON Schema. */
  public PipelineChecker() {
    this(true);
  }

  /** @param schema whether to run the JSON Schema check after the rules */
  public PipelineChecker(boolean schema) {
    this.schema = schema;
  }

  /** Checks the file at {@code path}, naming it {@code displayName} in diagnostics. */
  public CheckResult check(Path path, String displayName) {
    return check(loader.load(path, displayName), displayName);
  }

  /** Checks {@code text} as if it were the file {@code displayName}. */
  public CheckResult check(String text, String displayName) {
    return check(loader.load(text, displayName), displayName);
  }

  private CheckResult check(LoadResult loaded, String displayName) {
    if (loaded.document() == null) {
      return new CheckResult(displayName, null, loaded.lines(), sorted(loaded.diagnostics()));
    }
    Decoded decoded = decoder.decode(loaded.document());
    List<Diagnostic> out = new ArrayList<>(decoded.diagnostics());
    if (decoded.pipeline() != null) {
      for (Rule rule : RULES) {
        rule.check(decoded.pipeline(), decoded.declaredSteps(), out);
      }
      if (schema && out.stream().noneMatch(Diagnostic::isError)) {
        out.addAll(SchemaCheck.instance().check(loaded.document()));
      }
    }
    return new CheckResult(displayName, decoded.pipeline(), loaded.lines(), sorted(out));
  }

  private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
    List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(diagnostics));
    unique.sort(Comparator.comparingInt((Diagnostic d) -> d.location().line()).thenComparingInt(d -> d.location().column()));
    return unique;
  }
}
