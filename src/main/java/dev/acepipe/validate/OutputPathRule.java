package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.OutputGuard;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code outputs:} paths are relative and stay inside the project directory (the directory of the
 * pipeline file), and no two entries write the same file.
 */
public final class OutputPathRule implements Rule {
  @Override
  public void check(Pipeline pipeline, Set<String> declaredSteps, List<Diagnostic> out) {
    Map<Path, OutputSpec> seen = new HashMap<>();
    for (OutputSpec o : pipeline.outputs()) {
      String problem = problem(o.path());
      if (problem != null) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_PATH,
                o.location(),
                "output path '" + o.path() + "' " + problem,
                "write a relative path such as 'out/song.flac'"));
        continue;
      }
      String unwritable = unwritableExtension(o.path());
      if (unwritable != null) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_PATH,
                o.location(),
                "output path '"
                    + o.path()
                    + "' asks for ."
                    + unwritable
                    + ", which acepipe cannot write",
                "name the file .flac, .wav or .mp3 (takes are converted)"));
        continue;
      }
      Path normal = Path.of(o.path().replace('\\', '/')).normalize();
      String guarded = guarded(pipeline, normal);
      if (guarded != null) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_PATH,
                o.location(),
                "output path '" + printable(o.path()) + "' " + guarded,
                "write the audio to a folder of its own, such as 'out/song.flac'"));
        continue;
      }
      OutputSpec first = seen.putIfAbsent(normal, o);
      if (first != null) {
        out.add(
            Diagnostic.error(
                Codes.OUTPUT_PATH,
                o.location(),
                "output path '" + o.path() + "' is also written by '" + first.ref() + "'",
                "first used at line " + first.location().line()));
      }
    }
  }

  /**
   * Why a lexically fine output path would still damage the project, or null: it names the pipeline
   * file, its lockfile, an included file, anything under {@code .acepipe/}, or has a control
   * character or a recipe's extension in a name. The run checks the same again at write time, with
   * symbolic links resolved.
   */
  static String guarded(Pipeline pipeline, Path normal) {
    Path pipelineFile = Path.of(pipeline.file()).getFileName();
    if (pipelineFile != null && normal.equals(pipelineFile)) {
      return "is the pipeline file itself";
    }
    if (pipelineFile != null && normal.equals(Lockfile.pathFor(pipelineFile))) {
      return "is the pipeline's lockfile";
    }
    Path base = Path.of(pipeline.file()).toAbsolutePath().normalize().getParent();
    for (String include : pipeline.includes()) {
      Path inc = Path.of(include).toAbsolutePath().normalize();
      if (base != null && base.resolve(normal).normalize().equals(inc)) {
        return "is an included file";
      }
    }
    if (dev.acepipe.store.ProjectLayout.inState(normal)) {
      return "is inside .acepipe/, which holds the store, journal and runs";
    }
    for (Path part : normal) {
      String bad = OutputGuard.badName(part.toString()).orElse(null);
      if (bad != null && (part == normal.getFileName() || bad.startsWith("contains"))) {
        return bad;
      }
    }
    return null;
  }

  private static String printable(String path) {
    StringBuilder b = new StringBuilder();
    path.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04X", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /**
   * Audio extensions no encoder of acepipe writes; a take copied under them would hold other bytes.
   */
  private static final Set<String> OTHER_AUDIO =
      Set.of(
          "ogg", "oga", "opus", "m4a", "aac", "alac", "aif", "aiff", "wma", "ape", "wv", "mka",
          "webm", "mp2");

  /**
   * The extension of {@code path} if it names an audio format acepipe cannot convert to, else null.
   */
  static String unwritableExtension(String path) {
    String name = path.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return OTHER_AUDIO.contains(ext) ? ext : null;
  }

  /** Why {@code path} is not acceptable, or null. */
  public static String problem(String path) {
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.startsWith("~")) {
      return "is absolute; outputs stay inside the project directory";
    }
    if (p.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    Path normal;
    try {
      normal = Path.of(p).normalize();
    } catch (InvalidPathException e) {
      return "is not a valid path";
    }
    if (normal.toString().isEmpty() || normal.startsWith("..")) {
      return "leaves the project directory";
    }
    if (p.endsWith("/")) {
      return "names a directory, not a file";
    }
    return null;
  }
}
