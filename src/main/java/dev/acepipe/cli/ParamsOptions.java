package dev.acepipe.cli;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.LoadResult;
import dev.acepipe.dsl.YamlLoader;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.plan.PlanInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import picocli.CommandLine.Option;

/**
 * The parameter options every command that plans a pipeline shares, as a picocli mixin: {@code
 * --set KEY=VALUE} (repeatable) and {@code --params FILE.yaml} (a flat map of names to plain
 * values). {@code --set} wins over the file. Values stay text here; the planner types them against
 * {@code params:} and locates a bad one at its line in the params file.
 *
 * <p>Use with {@code @Mixin ParamsOptions params;} then {@link #load()} and {@link Loaded#inputs}.
 */
public final class ParamsOptions {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A value for $${params.KEY}; repeatable; wins over --params.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(
      names = "--params",
      paramLabel = "FILE.yaml",
      description = "A YAML file of param values (name: value).")
  Path file;

  /**
   * What the options say.
   *
   * @param values every given value by name ({@code --set} over the file)
   * @param origins where each value from the file is written
   * @param sources the params file's lines by display name (for printing diagnostics); empty
   *     without one
   * @param diagnostics problems of the params file itself; when there are errors, do not plan
   */
  public record Loaded(
      Map<String, String> values,
      Map<String, SourceLocation> origins,
      Map<String, List<String>> sources,
      List<Diagnostic> diagnostics) {
    public Loaded {
      values = Map.copyOf(values);
      origins = Map.copyOf(origins);
      sources = Map.copyOf(sources);
      diagnostics = List.copyOf(diagnostics);
    }

    /** Planner inputs with these params and {@code env}. */
    public PlanInputs inputs(Map<String, String> env) {
      return new PlanInputs(values, env, origins);
    }

    public boolean ok() {
      return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
  }

  /**
   * Reads the params file (if any) and merges {@code --set}.
   *
   * @throws CliException (usage) when the params file does not exist
   */
  public Loaded load() {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, SourceLocation> origins = new LinkedHashMap<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.USAGE, file + ": no such params file");
      }
      String name = file.toString();
      LoadResult r = new YamlLoader().load(file, name);
      sources.put(name, r.lines());
      out.addAll(r.diagnostics());
      r.loaded()
          .ifPresent(
              doc -> {
                if (!(doc.root() instanceof MappingNode map)) {
                  out.add(
                      Diagnostic.error(
                          Codes.WRONG_TYPE,
                          doc.locate(doc.root()),
                          "a params file must be a map of names to values",
                          "e.g. mood: dark"));
                  return;
                }
                for (NodeTuple t : map.getValue()) {
                  String key = ((ScalarNode) t.getKeyNode()).getValue();
                  if (!(t.getValueNode() instanceof ScalarNode v) || v.getTag().equals(Tag.NULL)) {
                    out.add(
                        Diagnostic.error(
                            Codes.WRONG_TYPE,
                            doc.locate(t.getValueNode()),
                            "param '" + key + "' must be a plain value in " + name));
                    continue;
                  }
                  values.put(key, v.getValue());
                  origins.put(key, doc.locate(v));
                }
              });
    }
    set.forEach(
        (k, v) -> {
          values.put(k, v);
          origins.remove(k);
        });
    return new Loaded(values, origins, sources, out);
  }
}
