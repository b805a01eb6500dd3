package dev.acepipe.validate;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.diagnostic.Severity;
import dev.acepipe.dsl.Decoded;
import dev.acepipe.dsl.Decoder;
import dev.acepipe.dsl.Includes;
import dev.acepipe.dsl.LoadResult;
import dev.acepipe.dsl.YamlLoader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Checks one pipeline file: load (safe YAML) → load its includes → decode → every semantic rule →
 * the JSON Schema (as a safety net, only when nothing else is wrong, so diagnostics are not
 * reported twice). Never throws for bad input. Thread-safe.
 */
public final class PipelineChecker {
  private static final List<Rule> RULES =
      List.of(
          new RequiredFieldsRule(),
          new StepReferenceRule(),
          new MatrixReferenceRule(),
          new SelectStepRule(),
          new ExpressionRule(),
          new ParamsRule(),
          new RepaintWindowRule(),
          new ModelTaskRule(),
          new OutputPathRule(),
          new AlbumRule(),
          new CredentialRule(),
          new CycleRule(),
          new MusicLintRule());

  private final YamlLoader loader = new YamlLoader();
  private final Includes includes = new Includes(loader);
  private final Decoder decoder = new Decoder();
  private final boolean schema;
  private final boolean strict;

  /** A checker that also runs the JSON Schema. */
  public PipelineChecker() {
    this(true);
  }

  /**
   * @param schema whether to run the JSON Schema check after the rules
   */
  public PipelineChecker(boolean schema) {
    this(schema, false);
  }

  private PipelineChecker(boolean schema, boolean strict) {
    this.schema = schema;
    this.strict = strict;
  }

  /**
   * This checker, reporting warnings (the music-aware lint) as errors when {@code strict}: {@code
   * --strict}.
   */
  public PipelineChecker strict(boolean strict) {
    return new PipelineChecker(schema, strict);
  }

  /**
   * Checks the file at {@code path}, naming it {@code displayName} in diagnostics. {@code include:}
   * and {@code import} paths are relative to the directory of {@code path}.
   */
  public CheckResult check(Path path, String displayName) {
    return check(loader.load(path, displayName), displayName, path);
  }

  /**
   * Checks {@code text} as if it were the file {@code displayName}; relative {@code include:} and
   * {@code import} paths are resolved as if the file were at {@code displayName} (relative to the
   * working directory).
   */
  public CheckResult check(String text, String displayName) {
    Path where;
    try {
      where = Path.of(displayName);
    } catch (InvalidPathException e) {
      where = Path.of("pipeline.yaml");
    }
    return check(loader.load(text, displayName), displayName, where);
  }

  private CheckResult check(LoadResult loaded, String displayName, Path path) {
    if (loaded.document() == null) {
      return new CheckResult(
          displayName, null, loaded.lines(), sorted(loaded.diagnostics(), displayName));
    }
    Includes.Result included = includes.resolve(loaded.document(), path);
    Decoded decoded = decoder.decode(loaded.document(), included.documents());
    List<Diagnostic> out = new ArrayList<>(included.diagnostics());
    out.addAll(decoded.diagnostics());
    TextCheck.check(loaded.document(), out);
    included.documents().forEach(d -> TextCheck.check(d, out));
    if (decoded.pipeline() != null) {
      for (Rule rule : RULES) {
        rule.check(decoded.pipeline(), decoded.declaredSteps(), out);
      }
      new ImportFileRule(path.toAbsolutePath().getParent())
          .check(decoded.pipeline(), decoded.declaredSteps(), out);
      if (schema && out.stream().noneMatch(Diagnostic::isError)) {
        // included files are checked by the decoder only; the schema describes pipeline files
        out.addAll(SchemaCheck.instance().check(loaded.document()));
      }
    }
    if (strict) {
      out.replaceAll(
          d ->
              d.isError()
                  ? d
                  : new Diagnostic(
                      Severity.ERROR,
                      d.code(),
                      d.location(),
                      d.message(),
                      d.hint().isEmpty()
                          ? "--strict makes this warning an error"
                          : d.hint() + " (--strict makes this an error)"));
    }
    return new CheckResult(
        displayName,
        decoded.pipeline(),
        loaded.lines(),
        sorted(out, displayName),
        included.lines());
  }

  /**
   * The pipeline file's diagnostics first, then each included file's; by line and column within a
   * file.
   */
  private static List<Diagnostic> sorted(List<Diagnostic> diagnostics, String mainFile) {
    List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(diagnostics));
    unique.sort(
        Comparator.comparing((Diagnostic d) -> !d.location().file().equals(mainFile))
            .thenComparing(d -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column()));
    return unique;
  }
}
