package dev.acepipe.e2e;

import dev.acepipe.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs {@code engine ARGS} in-process and keeps what it printed. */
record EngineRun(int exitCode, String out, String err) {
  static EngineRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
            .run(args);
    return new EngineRun(code, out.toString(), err.toString());
  }

  /**
   * As {@link #of}, with {@code env} as the environment the engine sees (e.g. GitHub Actions'
   * variables).
   */
  static EngineRun withEnv(java.util.Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(args);
    return new EngineRun(code, out.toString(), err.toString());
  }

  /**
   * Copies {@code source} (a file, or a folder with everything below it, so examples keep their
   * {@code lib/} and {@code media/}) into {@code project}; returns the copied files.
   */
  static List<Path> copyInto(Path source, Path project) throws IOException {
    List<Path> copied = new ArrayList<>();
    Files.createDirectories(project);
    if (!Files.isDirectory(source)) {
      copied.add(Files.copy(source, project.resolve(source.getFileName())));
      return copied;
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Path target = project.resolve(source.relativize(f).toString());
        Files.createDirectories(target.getParent());
        copied.add(Files.copy(f, target));
      }
    }
    return copied;
  }
}
